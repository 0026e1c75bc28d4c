using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>Starts each app under functions/ on a free loopback port with the settings the host would give it.</summary>
internal static class AppRunner
{
    /// <param name="serviceBusConnectionString">Given to every app as its "ServiceBusConnection" setting (in Azure the apps get "ServiceBusConnection__fullyQualifiedNamespace" instead).</param>
    public static async Task<List<RunningApp>> StartAllAsync(
        LocalHostOptions options, string serviceBusConnectionString, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var directories = FunctionCatalog.AppDirectories(options.RepositoryRoot);
        var unplaced = KnownApps.All.Select(a => a.Name).Except(directories.Select(Path.GetFileName).OfType<string>()).ToList();
        if (unplaced.Count > 0) throw new InvalidOperationException($"Apps without a folder under functions/: {string.Join(", ", unplaced)}.");
        var apps = new List<RunningApp>();
        foreach (var directory in directories)
        {
            var app = KnownApps.For(directory);
            var handler = FunctionAppHost.Build(app, [], "http://127.0.0.1:0", Settings(options, serviceBusConnectionString, directory));
            await handler.StartAsync(cancellationToken);
            var url = new Uri(FunctionAppHost.BoundAddress(handler).TrimEnd('/') + "/");
            loggers.CreateLogger("Npvr.Funding.LocalHost").LogInformation("{App} handler listening on {Url}", app.Name, url);
            apps.Add(new RunningApp(app.Name, handler, url, FunctionCatalog.Read(directory)));
        }
        return apps;
    }

    /// <summary>The app's host.json.</summary>
    public static string HostJsonPath(RunningApp app) => Path.Combine(
        app.Handler.Configuration["FunctionApp:Directory"] ?? throw new InvalidOperationException($"{app.Name} has no directory."),
        "host.json");

    private static Dictionary<string, string?> Settings(LocalHostOptions options, string serviceBusConnectionString, string directory)
    {
        var settings = new Dictionary<string, string?>(options.AppSettings)
        {
            ["ServiceBusConnection"] = serviceBusConnectionString,
            ["Storage:ConnectionString"] = options.StorageConnectionString,
            ["Storage:TablePrefix"] = options.TablePrefix,
            ["FunctionApp:Directory"] = directory,
        };
        return settings;
    }
}
