using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>How <see cref="AzuriteRunner.StartAsync"/> starts Azurite's table service.</summary>
public sealed record AzuriteOptions
{
    /// <summary>The repository's infra/ folder (holding package.json and, after install, node_modules/azurite).</summary>
    public required string InfraDirectory { get; init; }

    /// <summary>The loopback port; 0 picks a free one (retrying a few times if another process takes it first).</summary>
    public int TablePort { get; init; }

    /// <summary>
    /// Also start Azurite's blob service (a second process on its own free loopback port), for the Spending app's
    /// signed journal checkpoints (issue 12); its endpoint joins <see cref="AzuriteRunner.ConnectionString"/>.
    /// </summary>
    public bool BlobService { get; init; }

    /// <summary>A folder for Azurite's data (created if missing); null keeps data in memory only.</summary>
    public string? Location { get; init; }

    /// <summary>How long to wait for Azurite to accept TCP connections and answer HTTP.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs <see cref="AzuriteRunner.EnsureInstalledAsync"/> first.</summary>
    public bool EnsureInstalled { get; init; } = true;

    /// <summary>Receives npm's progress and Azurite's output; npm's progress goes to standard error when null.</summary>
    public ILogger? Logger { get; init; }
}
