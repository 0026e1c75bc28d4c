using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost;

/// <summary>Azurite for the developer's run: data kept in the git-ignored .localdata/azurite unless --fresh.</summary>
internal static class LocalStorage
{
    public static string DataDirectory(string root) => Path.Combine(root, ".localdata", "azurite");

    /// <summary>Null when a connection string was given: then nothing is started.</summary>
    public static async Task<AzuriteRunner?> StartAsync(string root, CommandLine arguments, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (arguments.StorageConnectionString is not null) return null;
        var data = DataDirectory(root);
        if (arguments.Fresh && Directory.Exists(data)) Directory.Delete(data, recursive: true);
        var logger = loggers.CreateLogger("Azurite");
        logger.LogInformation("Starting Azurite's table and blob services (data in {Data})", data);
        return await AzuriteRunner.StartAsync(new AzuriteOptions
        {
            InfraDirectory = Path.Combine(root, "infra"),
            TablePort = 0,
            BlobService = true,
            Location = data,
            Logger = logger,
        }, cancellationToken);
    }

    /// <summary>
    /// Stops the host when Azurite exits before a stop was asked for: every call would fail with a storage error.
    /// True when that happened; false once the stop came first.
    /// </summary>
    public static async Task<bool> StopWhenItExitsAsync(AzuriteRunner azurite, CancellationTokenSource stop, ILogger logger)
    {
        int exitCode;
        try
        {
            exitCode = await azurite.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        logger.LogError("Azurite exited on its own (exit code {ExitCode}): the local host stops, since every call would fail. Azurite's last output:{NewLine}{Output}",
            exitCode, Environment.NewLine, azurite.RecentOutput);
        await stop.CancelAsync();
        return true;
    }
}
