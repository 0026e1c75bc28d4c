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
/// runs each app's handler on its own loopback port, serves /api routes, delivers Service Bus triggers through the
/// in-process broker, and runs timers. A development and test runtime, never a production one.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly List<RunningApp> _apps;
    private readonly WebApplication _front;
    private readonly HttpClient _http;
    private readonly HandlerInvoker _invoker;
    private readonly TimerTriggers _timers;

    private LocalFunctionsHost(List<RunningApp> apps, WebApplication front, HttpClient http, HandlerInvoker invoker, ServiceBusEmulator broker, HostFaults faults, TimerTriggers timers)
    {
        _apps = apps;
        _front = front;
        _http = http;
        _invoker = invoker;
        Broker = broker;
        Faults = faults;
        _timers = timers;
    }

    public ServiceBusEmulator Broker { get; }
    public HostFaults Faults { get; }
    public Uri BaseUrl => new(FunctionAppHost.BoundAddress(_front).TrimEnd('/') + "/");
    public IEnumerable<FunctionDefinition> Functions => _apps.SelectMany(a => a.Functions);

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Npvr.Funding.LocalHost");
        var broker = ServiceBusEmulator.FromTopologyFile(options.TopologyPath, options: new ServiceBusEmulatorOptions { Logger = loggers.CreateLogger("Npvr.Funding.LocalHost.Broker") });
        var apps = await AppRunner.StartAllAsync(options, loggers, cancellationToken);
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var faults = new HostFaults();
        var invoker = new HandlerInvoker(http, broker, faults, logger);
        var front = BuildFront(options, apps, invoker, loggers);
        var timers = new TimerTriggers(invoker, TimeProvider.System, logger);
        var host = new LocalFunctionsHost(apps, front, http, invoker, broker, faults, timers);
        host.RegisterServiceBusTriggers();
        front.MapPost("/admin/functions/{name}", host.AdminRunAsync);
        await broker.StartAsync(cancellationToken);
        await front.StartAsync(cancellationToken);
        if (options.EnableTimers) await timers.StartAsync(apps);
        return host;
    }

    /// <summary>Runs a non-HTTP function now, as POST /admin/functions/{name} does on the real host.</summary>
    public async Task<InvocationOutcome> RunFunctionAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var (app, function) = Find(functionName);
        if (!function.IsTimer) throw new InvalidOperationException($"{functionName} is not a timer function; send it a message instead.");
        var now = DateTimeOffset.UtcNow;
        var (data, metadata) = TriggerPayloads.Timer(function, now, now, isPastDue: false);
        return await _invoker.InvokeAsync(function, app.HandlerUrl, data, metadata, cancellationToken);
    }

    private async Task<IResult> AdminRunAsync(string name, CancellationToken cancellationToken)
    {
        if (!Functions.Any(f => f.IsTimer && f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            return Results.NotFound($"No timer function named {name}.");
        var outcome = await RunFunctionAsync(name, cancellationToken);
        return outcome.Succeeded ? Results.Accepted() : Results.Problem(outcome.FailureDescription, statusCode: 500);
    }

    /// <summary>Every function with its trigger, for the console.</summary>
    public string Describe() => Banner.Describe(_apps, BaseUrl.ToString().TrimEnd('/'));

    public Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Broker.WaitForIdleAsync(timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _timers.DisposeAsync();
        await _front.DisposeAsync();
        await Broker.DisposeAsync();
        foreach (var app in _apps) await app.Handler.DisposeAsync();
        _http.Dispose();
    }

    private (RunningApp App, FunctionDefinition Function) Find(string functionName)
    {
        foreach (var app in _apps)
        {
            var function = app.Functions.FirstOrDefault(f => f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase));
            if (function is not null) return (app, function);
        }
        throw new InvalidOperationException($"No function named {functionName}.");
    }

    private void RegisterServiceBusTriggers()
    {
        foreach (var app in _apps)
        {
            foreach (var function in app.Functions.Where(f => f.IsServiceBus))
            {
                Broker.RegisterProcessor(function.TriggerEntityPath, async (message, ct) =>
                {
                    var (data, metadata) = TriggerPayloads.ServiceBus(function, message);
                    var outcome = await _invoker.InvokeAsync(function, app.HandlerUrl, data, metadata, ct);
                    return outcome.Succeeded ? DeliveryOutcome.Success : DeliveryOutcome.Failed(outcome.FailureDescription ?? "failed");
                }, maxConcurrentCalls: AppRunner.MaxConcurrentCalls(app));
            }
        }
    }

    private static WebApplication BuildFront(LocalHostOptions options, List<RunningApp> apps, HandlerInvoker invoker, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(loggers);
        // Dynamic ports cannot bind "localhost"; the developer's fixed port binds both loopback addresses.
        builder.WebHost.UseUrls(options.Port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{options.Port}");
        var front = builder.Build();
        foreach (var app in apps)
        {
            foreach (var function in app.Functions.Where(f => f.IsHttp))
                front.MapMethods("/api/" + function.Route, function.Methods, ctx => HttpTriggerEndpoint.HandleAsync(ctx, function, app.HandlerUrl, invoker));
        }
        front.MapGet("/", () => Results.Text(Banner.Describe(apps), "text/plain"));
        return front;
    }
}
