using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npvr.Funding.Hosting;
using Npvr.Funding.LocalHost.Broker;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Plays the Azure Functions host and Service Bus on one machine: reads every app's host.json and function.json,
/// runs each app's handler on its own loopback port, serves /api routes, runs Service Bus triggers through
/// ServiceBusProcessor and outputs through ServiceBusSender against the local AMQP endpoint (or another Service Bus
/// given by connection string), and runs timers. A development and test runtime, never a production one.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly List<RunningApp> _apps;
    private readonly WebApplication _front;
    private readonly HttpClient _http;
    private readonly HandlerInvoker _invoker;
    private readonly HostServiceBus _serviceBus;
    private readonly ServiceBusOutputs _outputs;
    private readonly TimerTriggers _timers;
    private ServiceBusTriggers? _triggers;

    private LocalFunctionsHost(
        List<RunningApp> apps, WebApplication front, HttpClient http, HostServiceBus serviceBus, ServiceBusOutputs outputs, HostFaults faults, HandlerInvoker invoker, ILogger logger)
    {
        _apps = apps;
        _front = front;
        _http = http;
        _serviceBus = serviceBus;
        _outputs = outputs;
        Faults = faults;
        _invoker = invoker;
        _timers = new TimerTriggers(invoker, TimeProvider.System, logger);
    }

    /// <summary>The local broker, for its fault hooks (duplicate, reorder, delay, refuse sends) and dead letters.</summary>
    /// <exception cref="InvalidOperationException">The host runs against another Service Bus.</exception>
    public ServiceBusEmulator Broker => _serviceBus.Broker
        ?? throw new InvalidOperationException("The host runs against another Service Bus (--servicebus): only the local broker has fault hooks.");

    public HostFaults Faults { get; }

    /// <summary>An app's interleaving points (<see cref="Interleavings"/>), for tests that force an order of concurrent work.</summary>
    public Interleavings InterleavingsOf(string appName) =>
        _apps.Single(a => a.Name.Equals(appName, StringComparison.OrdinalIgnoreCase)).Handler.Services.GetRequiredService<Interleavings>();

    /// <summary>What the apps and the host's own client connect with (printed at start).</summary>
    public string ServiceBusConnectionString => _serviceBus.ConnectionString;

    public Uri BaseUrl => new(FunctionAppHost.BoundAddress(_front).TrimEnd('/') + "/");

    public IEnumerable<FunctionDefinition> Functions => _apps.SelectMany(a => a.Functions);

    /// <exception cref="System.Net.Sockets.SocketException">The local Service Bus endpoint's port is taken.</exception>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = loggers.CreateLogger("Npvr.Funding.LocalHost");
        var serviceBus = HostServiceBus.Start(options, loggers);
        List<RunningApp> apps;
        try
        {
            apps = await AppRunner.StartAllAsync(options, serviceBus.ConnectionString, loggers, cancellationToken);
        }
        catch
        {
            await serviceBus.DisposeAsync();
            throw;
        }
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var outputs = new ServiceBusOutputs(serviceBus.Client);
        var faults = new HostFaults();
        var invoker = new HandlerInvoker(http, outputs, faults, logger);
        var front = BuildFront(options, apps, invoker, loggers);
        var host = new LocalFunctionsHost(apps, front, http, serviceBus, outputs, faults, invoker, logger);
        try
        {
            front.MapPost("/admin/functions/{name}", host.AdminRunAsync).WithMetadata(HostRoute.Marker);
            host._triggers = await ServiceBusTriggers.StartAsync(
                serviceBus.Client, host.ServiceBusTriggerList(), serviceBus.Broker, logger, cancellationToken);
            await front.StartAsync(cancellationToken);
            if (options.EnableTimers) await host._timers.StartAsync(apps);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Runs a non-HTTP function now, as POST /admin/functions/{name} does on the real host.</summary>
    /// <param name="appName">Needed when several apps have a function of that name (every app has SweepOutbox).</param>
    public async Task<InvocationOutcome> RunFunctionAsync(string functionName, string? appName = null, CancellationToken cancellationToken = default)
    {
        var (app, function) = Find(functionName, appName);
        if (!function.IsTimer) throw new InvalidOperationException($"{functionName} is not a timer function; send it a message instead.");
        var now = DateTimeOffset.UtcNow;
        var (data, metadata) = TriggerPayloads.Timer(function, now, now, isPastDue: false);
        return await _invoker.InvokeAsync(function, app.HandlerUrl, data, metadata, cancellationToken);
    }

    /// <summary>POST /admin/functions/{name}[?app=]: runs that timer function now, in every app that has it unless one is named.</summary>
    private async Task<IResult> AdminRunAsync(string name, string? app, CancellationToken cancellationToken)
    {
        var targets = _apps.Where(a => app is null || a.Name.Equals(app, StringComparison.OrdinalIgnoreCase))
            .Where(a => a.Functions.Any(f => f.IsTimer && f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (targets.Count == 0) return Results.NotFound($"No timer function named {name}.");
        foreach (var target in targets)
        {
            var outcome = await RunFunctionAsync(name, target.Name, cancellationToken);
            if (!outcome.Succeeded) return Results.Problem(outcome.FailureDescription, statusCode: 500);
        }
        return Results.Accepted();
    }

    /// <summary>Every function with its trigger, for the console.</summary>
    public string Describe() => Banner.Describe(_apps, BaseUrl.ToString().TrimEnd('/'));

    /// <summary>
    /// Waits until no message is available or locked in any entity and no Service Bus invocation is in flight (see
    /// <see cref="ServiceBusEmulator.WaitForIdleAsync"/>). Only for the local broker.
    /// </summary>
    public Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Broker.WaitForIdleAsync(timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _timers.DisposeAsync();
        await _front.DisposeAsync();
        if (_triggers is not null) await _triggers.DisposeAsync();
        foreach (var app in _apps) await app.Handler.DisposeAsync();
        await _outputs.DisposeAsync();
        await _serviceBus.DisposeAsync();
        _http.Dispose();
    }

    private (RunningApp App, FunctionDefinition Function) Find(string functionName, string? appName)
    {
        var matches = _apps.Where(a => appName is null || a.Name.Equals(appName, StringComparison.OrdinalIgnoreCase))
            .SelectMany(a => a.Functions.Where(f => f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase)).Select(f => (a, f)))
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException($"No function named {functionName}{(appName is null ? "" : " in " + appName)}."),
            _ => throw new InvalidOperationException($"{functionName} exists in {string.Join(", ", matches.Select(m => m.a.Name))}: name the app."),
        };
    }

    /// <summary>Every serviceBusTrigger of every app's function.json, with its app's host.json settings.</summary>
    private List<ServiceBusTrigger> ServiceBusTriggerList() =>
    [
        .. _apps.SelectMany(app => app.Functions.Where(f => f.IsServiceBus).Select(function => new ServiceBusTrigger(
            $"{app.Name}/{function.Name}",
            function.TriggerEntityPath,
            ServiceBusTriggerSettings.Read(AppRunner.HostJsonPath(app), function.Trigger),
            (message, ct) =>
            {
                var (data, metadata) = TriggerPayloads.ServiceBus(function, message);
                return _invoker.InvokeAsync(function, app.HandlerUrl, data, metadata, ct);
            }))),
    ];

    internal static WebApplication BuildFront(LocalHostOptions options, List<RunningApp> apps, HandlerInvoker invoker, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(loggers);
        // Dynamic ports cannot bind "localhost"; the developer's fixed port binds both loopback addresses.
        builder.WebHost.UseUrls(options.Port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HttpTriggerPayload.MaxBodyBytes);
        var front = builder.Build();
        front.Use(HostRoute.NotFoundForOtherMethods);
        foreach (var app in apps)
        {
            foreach (var function in app.Functions.Where(f => f.IsHttp && !f.IsCatchAll))
            {
                front.MapMethods("/api/" + function.Route, function.Methods, ctx => HttpTriggerEndpoint.HandleAsync(ctx, function, app.HandlerUrl, invoker))
                    .WithMetadata(HostRoute.Marker);
            }
        }
        UnmatchedRoutes.Map(front, apps, invoker);
        front.MapGet("/", () => Results.Text(Banner.Describe(apps), "text/plain")).WithMetadata(HostRoute.Marker);
        // The contract, served by the local host only (in Azure each app serves its own routes and nothing else).
        front.MapGet("/api/openapi.json", async () => Results.Text(await ApiContract.JsonAsync(options.RepositoryRoot), "application/json"))
            .WithMetadata(HostRoute.Marker);
        front.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "api/docs";
            ui.DocumentTitle = "Npvr.Funding API";
            ui.SwaggerEndpoint("/api/openapi.json", "Npvr.Funding API");
        });
        return front;
    }
}
