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
        Console.WriteLine("Starting Azurite (installs it with npm on first use)...");
        return await AzuriteRunner.StartAsync(new AzuriteOptions
        {
            InfraDirectory = Path.Combine(root, "infra"),
            TablePort = 0,
            Location = data,
            Logger = loggers.CreateLogger("Azurite"),
        }, cancellationToken);
    }
}
