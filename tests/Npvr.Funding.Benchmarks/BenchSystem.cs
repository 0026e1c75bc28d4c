using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// A fresh in-memory Azurite and the whole system on the local host library in this process, as the end-to-end tests'
/// TestSystem starts it: every app's storage client counts its round trips (<see cref="StorageRoundTrips"/>), timers
/// are off (their sweeps would add round trips no operation caused), messaging goes through the host's own broker.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private BenchSystem(string root, AzuriteRunner azurite, string run)
    {
        Root = root;
        Azurite = azurite;
        Meter = new CostMeter(run, azurite.ProcessId);
    }

    /// <summary>The prefix of the system's tables in Azurite (the raw baselines use a table of their own).</summary>
    public const string TablePrefix = "b";

    public string Root { get; }
    public AzuriteRunner Azurite { get; }
    public CostMeter Meter { get; }
    public LocalFunctionsHost Host { get; private set; } = null!;
    public BenchApi Api { get; private set; } = null!;

    /// <summary>Starts Azurite only: the raw baselines run before the system, on an otherwise idle Azurite.</summary>
    public static async Task<BenchSystem> StartAzuriteAsync(string root)
    {
        var azurite = await AzuriteRunner.StartAsync(new AzuriteOptions
        {
            InfraDirectory = Path.Combine(root, "infra"),
            TablePort = 0,
            // Spending keeps the journals' signed checkpoints in blobs (issue 12).
            BlobService = true,
            StartupTimeout = TimeSpan.FromSeconds(60),
        });
        return new BenchSystem(root, azurite, "bench-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task StartHostAsync(ILoggerFactory loggers)
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            RepositoryRoot = Root,
            Port = 0,
            ServiceBusPort = 0,
            StorageConnectionString = Azurite.ConnectionString,
            TablePrefix = TablePrefix,
            EnableTimers = false,
            AppSettings = new Dictionary<string, string?> { [StorageRoundTrips.SettingName] = Meter.Run },
        }, loggers, CancellationToken.None);
        Api = new BenchApi(new Uri(Host.BaseUrl, "api/"));
    }

    /// <summary>Until no message waits or is being handled anywhere: every consumer has applied what was sent.</summary>
    public Task IdleAsync(Sizes sizes) => Host.WaitForIdleAsync(sizes.IdleTimeout);

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
