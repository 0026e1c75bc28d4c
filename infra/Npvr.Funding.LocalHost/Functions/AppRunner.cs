using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>Starts each app under functions/ on a free loopback port with the settings the host would give it.</summary>
internal static class AppRunner
{
    public static async Task<List<RunningApp>> StartAllAsync(LocalHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var directories = FunctionCatalog.AppDirectories(options.RepositoryRoot);
        var unplaced = KnownApps.All.Select(a => a.Name).Except(directories.Select(Path.GetFileName).OfType<string>()).ToList();
        if (unplaced.Count > 0) throw new InvalidOperationException($"Apps without a folder under functions/: {string.Join(", ", unplaced)}.");
        var apps = new List<RunningApp>();
        foreach (var directory in directories)
        {
            var app = KnownApps.For(directory);
            var handler = FunctionAppHost.Build(app, [], "http://127.0.0.1:0", Settings(options, directory));
            await handler.StartAsync(cancellationToken);
            var url = new Uri(FunctionAppHost.BoundAddress(handler).TrimEnd('/') + "/");
            loggers.CreateLogger("Npvr.Funding.LocalHost").LogInformation("{App} handler listening on {Url}", app.Name, url);
            apps.Add(new RunningApp(app.Name, handler, url, FunctionCatalog.Read(directory)));
        }
        return apps;
    }

    /// <summary>host.json extensions.serviceBus.maxConcurrentCalls, as the Service Bus extension reads it (default 16).</summary>
    public static int MaxConcurrentCalls(RunningApp app)
    {
        var hostJson = FundingJson.Parse(File.ReadAllText(Path.Combine(AppDirectory(app), "host.json")));
        return (int?)hostJson.SelectToken("extensions.serviceBus.maxConcurrentCalls") ?? 16;
    }

    private static string AppDirectory(RunningApp app) =>
        app.Handler.Configuration["FunctionApp:Directory"] ?? throw new InvalidOperationException($"{app.Name} has no directory.");

    private static Dictionary<string, string?> Settings(LocalHostOptions options, string directory)
    {
        var settings = new Dictionary<string, string?>(options.AppSettings)
        {
            ["Storage:ConnectionString"] = options.StorageConnectionString,
            ["Storage:TablePrefix"] = options.TablePrefix,
            ["FunctionApp:Directory"] = directory,
        };
        return settings;
    }
}
