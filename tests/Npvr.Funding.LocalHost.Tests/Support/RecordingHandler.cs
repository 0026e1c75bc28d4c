using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>
/// The local host's HTTP front over one function whose handler records every invocation payload and answers 201:
/// what the host sends a handler, and what a caller gets back, is what these tests read.
/// </summary>
public sealed class RecordingHandler : IAsyncDisposable
{
    /// <summary>The one function: POST and PUT on /api/things/{thingId}.</summary>
    public const string FunctionName = "SaveThing";

    /// <summary>A Service Bus nothing connects to: the client is lazy and this function sends nothing.</summary>
    private const string UnusedServiceBus = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";

    private readonly WebApplication _handler;
    private readonly WebApplication _front;
    private readonly HttpClient _invokerHttp;
    private readonly ServiceBusClient _serviceBus;
    private readonly ServiceBusOutputs _outputs;
    private readonly ConcurrentQueue<JObject> _payloads;

    private RecordingHandler(WebApplication handler, WebApplication front, HttpClient invokerHttp, ServiceBusClient serviceBus,
        ServiceBusOutputs outputs, HostFaults faults, ConcurrentQueue<JObject> payloads)
    {
        _handler = handler;
        _front = front;
        _invokerHttp = invokerHttp;
        _serviceBus = serviceBus;
        _outputs = outputs;
        _payloads = payloads;
        Faults = faults;
        Client = new HttpClient { BaseAddress = new Uri(FunctionAppHost.BoundAddress(front).TrimEnd('/') + "/") };
    }

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public HostFaults Faults { get; }

    public bool WasInvoked => !_payloads.IsEmpty;

    public static async Task<RecordingHandler> StartAsync()
    {
        var payloads = new ConcurrentQueue<JObject>();
        var handler = await StartHandlerAsync(payloads);
        var function = new FunctionDefinition("Npvr.Funding.Test", FunctionName,
            JObject.Parse("""{ "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["post", "put"], "route": "things/{thingId}" }"""),
            [JObject.Parse("""{ "type": "http", "direction": "out", "name": "res" }""")]);
        var serviceBus = new ServiceBusClient(UnusedServiceBus);
        var outputs = new ServiceBusOutputs(serviceBus);
        var faults = new HostFaults();
        var invokerHttp = new HttpClient();
        var invoker = new HandlerInvoker(invokerHttp, outputs, faults, NullLogger.Instance);
        var handlerUrl = new Uri(FunctionAppHost.BoundAddress(handler).TrimEnd('/') + "/");
        var front = LocalFunctionsHost.BuildFront(
            new LocalHostOptions { RepositoryRoot = Path.GetTempPath(), Port = 0 },
            [new RunningApp("Npvr.Funding.Test", handler, handlerUrl, [function])], invoker, NullLoggerFactory.Instance);
        await front.StartAsync();
        return new RecordingHandler(handler, front, invokerHttp, serviceBus, outputs, faults, payloads);
    }

    /// <summary>The payload of the one invocation since the last call.</summary>
    public JObject TakeOnly()
    {
        Assert.True(_payloads.TryDequeue(out var payload), "The handler was not invoked.");
        Assert.True(_payloads.IsEmpty, "The handler was invoked more than once.");
        return payload!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _front.DisposeAsync();
        await _handler.DisposeAsync();
        _invokerHttp.Dispose();
        await _outputs.DisposeAsync();
        await _serviceBus.DisposeAsync();
    }

    private static async Task<WebApplication> StartHandlerAsync(ConcurrentQueue<JObject> payloads)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var handler = builder.Build();
        handler.MapPost("/{name}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            payloads.Enqueue((JObject)Npvr.Funding.Contracts.FundingJson.Parse(await reader.ReadToEndAsync(context.RequestAborted)));
            return Results.Text("""{"Outputs":{"res":{"statusCode":"201","body":"saved","headers":{"Content-Type":"text/plain"}}},"Logs":[]}""", "application/json");
        });
        await handler.StartAsync();
        return handler;
    }
}
