using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>
/// The whole system of one seed: the local host on the one Azurite shared by every seed (its own table prefix), with a
/// broker the simulator owns, so a restart of the host keeps every message in flight as a Service Bus namespace would.
/// Timers run only when the simulator fires them.
/// </summary>
internal sealed class SimSystem : IAsyncDisposable
{
    /// <summary>Generous: on two loaded cores a seed with delays, lock expiries and dead-lettering may take this long to drain.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    public static readonly string[] Apps = ["Npvr.Funding.Registration", "Npvr.Funding.Allocation", "Npvr.Funding.Disbursement", "Npvr.Funding.Spending"];

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;
    private readonly ILoggerFactory _loggers;
    private List<(Regex Route, string Method, string Function)> _routes = [];

    private SimSystem(string connectionString, string tablePrefix, ServiceBusEmulator broker, string topologyPath, Dictionary<string, string?> settings, ILoggerFactory loggers)
    {
        _connectionString = connectionString;
        TablePrefix = tablePrefix;
        Broker = broker;
        TopologyPath = topologyPath;
        _settings = settings;
        _loggers = loggers;
    }

    public string TablePrefix { get; }

    /// <summary>What the apps logged for the requests they answered 500.</summary>
    public ServerErrorLog ServerErrors { get; } = new();
    public ServiceBusEmulator Broker { get; }
    public string TopologyPath { get; }
    public LocalFunctionsHost Host { get; private set; } = null!;
    public FundingApi Api { get; private set; } = null!;

    /// <param name="plantedBug">Testing:PlantedBug for every app (null: none), see EventConsumption.</param>
    public static async Task<SimSystem> StartAsync(string topologyPath, string? plantedBug, ILoggerFactory loggers)
    {
        var azurite = await SharedAzurite.GetAsync();
        // Letters and digits only (a table name rule); unique per run so one seed can be run twice in one process.
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            // The sweep publishes whatever is unpublished when the simulator fires it, early or late; checkpoints follow every link.
            ["Outbox:SweepAfterSeconds"] = "0",
            ["Audit:CheckpointEverySeconds"] = "0",
            ["Testing:PlantedBug"] = plantedBug,
            // The apps log to the console themselves: quiet unless the simulator was asked to be verbose.
            ["Logging:LogLevel:Default"] = loggers is NullLoggerFactory ? "None" : "Warning",
        };
        var broker = ServiceBusEmulator.FromTopologyFile(topologyPath, options: new ServiceBusEmulatorOptions { Logger = loggers.CreateLogger("Npvr.Funding.LocalHost.Broker") });
        var system = new SimSystem(azurite.ConnectionString, prefix, broker, topologyPath, settings, loggers);
        try
        {
            await system.StartHostAsync();
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    /// <summary>Stops the host (invocations in progress finish and settle) and starts it again on the same storage and broker.</summary>
    public async Task RestartAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await StartHostAsync();
    }

    /// <summary>An idle wait this long prints what the process looks like (see <see cref="IdleAsync"/>).</summary>
    public static readonly TimeSpan StallReportAfter = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Waits until the system is idle. A wait that lasts <see cref="StallReportAfter"/> prints the thread pool's state
    /// and how fast Azurite's two services answer, then goes on waiting, so a stall names the piece that stalled (it
    /// named Azurite's blob service once: its garbage collection, docs/simulation.md).
    /// </summary>
    public async Task IdleAsync()
    {
        var idle = Host.WaitForIdleAsync(IdleTimeout);
        if (await Task.WhenAny(idle, Task.Delay(StallReportAfter)) != idle)
            await Console.Error.WriteLineAsync(await StallReportAsync());
        await idle;
    }

    private async Task<string> StallReportAsync()
    {
        var pool = $"thread pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items queued";
        var tables = await AnswerTimeAsync("Azurite's table service", ct => new TableServiceClient(_connectionString).GetPropertiesAsync(ct));
        var blobs = await AnswerTimeAsync("its blob service", ct => new BlobServiceClient(_connectionString).GetPropertiesAsync(ct));
        return $"[stall] seed tables {TablePrefix}: not idle after {StallReportAfter.TotalSeconds:0} s at {DateTimeOffset.UtcNow:O}; {pool}; {tables}; {blobs}";
    }

    private static async Task<string> AnswerTimeAsync(string service, Func<CancellationToken, Task> ask)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var answerWithin = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ask(answerWithin.Token);
            return $"{service} answered in {watch.ElapsedMilliseconds} ms";
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException)
        {
            return $"{service} gave no answer in {watch.ElapsedMilliseconds} ms ({e.GetType().Name})";
        }
    }

    public TableClient Table(string name) => new TableServiceClient(_connectionString).GetTableClient(TablePrefix + name);

    /// <summary>Every table of this seed (each app creates its own on first use).</summary>
    public async Task<List<TableClient>> TablesAsync()
    {
        var service = new TableServiceClient(_connectionString);
        var tables = new List<TableClient>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(TablePrefix) >= 0 && t.Name.CompareTo(TablePrefix + "~") < 0))
            tables.Add(service.GetTableClient(table.Name));
        return tables;
    }

    /// <summary>The HTTP function that serves <paramref name="path"/> (relative to /api/), for a crash aimed at one request.</summary>
    public string FunctionFor(HttpMethod method, string path)
    {
        var bare = path.Split('?', 2)[0];
        return _routes.Where(r => r.Method == method.Method && r.Route.IsMatch(bare)).Select(r => r.Function).FirstOrDefault()
            ?? throw new InvalidOperationException($"No HTTP function serves {method} {bare}.");
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        await Broker.DisposeAsync();
        await DeleteStorageAsync();
    }

    private async Task StartHostAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            RepositoryRoot = RepositoryRoot.Locate(AppContext.BaseDirectory),
            Port = 0,
            ServiceBusPort = 0,
            StorageConnectionString = _connectionString,
            TablePrefix = TablePrefix,
            EnableTimers = false,
            Broker = Broker,
            AppSettings = _settings,
        }, new ForwardingLoggers(_loggers, ServerErrors), CancellationToken.None);
        Api = new FundingApi(new Uri(Host.BaseUrl, "api/"));
        // Literal segments before templated ones, so "spending/import" is not taken for "spending/{entryId}".
        _routes = [.. Host.Functions.Where(f => f.IsHttp)
            .OrderBy(f => f.Route.Count(c => c == '{'))
            .SelectMany(f => f.Methods.Select(m => (Pattern(f.Route), m, f.Name)))];
    }

    private static Regex Pattern(string route) =>
        new("^" + Regex.Replace(Regex.Escape(route), @"\\\{[^/]+?\}", "[^/]+") + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Deletes this seed's tables and checkpoint container, so Azurite's memory does not grow with the seeds run.</summary>
    private async Task DeleteStorageAsync()
    {
        foreach (var table in await TablesAsync()) await table.DeleteAsync();
        var blobs = new BlobServiceClient(_connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: TablePrefix.ToLowerInvariant()))
            await blobs.DeleteBlobContainerAsync(container.Name);
    }
}

/// <summary>The simulator's loggers plus <see cref="ServerErrorLog"/>, for the host.</summary>
internal sealed class ForwardingLoggers(ILoggerFactory loggers, ServerErrorLog serverErrors) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Both(loggers.CreateLogger(categoryName), serverErrors.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => loggers.AddProvider(provider);

    public void Dispose()
    {
        // Both are owned by their creators.
    }

    private sealed class Both(ILogger first, ILogger second) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => first.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => first.IsEnabled(logLevel) || second.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (first.IsEnabled(logLevel)) first.Log(logLevel, eventId, state, exception, formatter);
            if (second.IsEnabled(logLevel)) second.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
