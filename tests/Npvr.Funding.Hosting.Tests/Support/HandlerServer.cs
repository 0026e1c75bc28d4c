using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Hosting.Tests.Support;

/// <summary>The test app running as a real custom handler on a free local port, as the Functions host would start it.</summary>
public sealed class HandlerServer : IAsyncLifetime
{
    /// <summary>A Service Bus nothing connects to: the client is lazy and these tests publish nothing.</summary>
    public const string UnusedServiceBus = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";

    private readonly string _appDirectory = Path.Combine(Path.GetTempPath(), "npvr-hosting-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public HttpClient Client { get; } = new();

    public async Task InitializeAsync()
    {
        TestFunctionApp.WriteAppDirectory(_appDirectory, TestFunctionApp.FunctionJson.Keys);
        _app = FunctionAppHost.Build(new TestFunctionApp(), [], "http://127.0.0.1:0", new Dictionary<string, string?>
        {
            ["FunctionApp:Directory"] = _appDirectory,
            // Never contacted: the relay refuses a malformed notice before it touches a table.
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["ServiceBusConnection"] = UnusedServiceBus,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _app.StartAsync();
        Client.BaseAddress = new Uri(FunctionAppHost.BoundAddress(_app));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_appDirectory, recursive: true);
    }

    /// <summary>POSTs an invocation payload the way the host does.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(string functionName, string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName)
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", "11111111-2222-3333-4444-555555555555");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.0");
        return await Client.SendAsync(request);
    }

    /// <summary>POSTs a payload and reads the 200 answer's envelope.</summary>
    public async Task<JObject> InvokeOkAsync(string functionName, string payload)
    {
        using var response = await InvokeAsync(functionName, payload);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JObject.Parse(text);
    }
}

[CollectionDefinition(Name)]
public sealed class HandlerCollection : ICollectionFixture<HandlerServer>
{
    public const string Name = "custom handler";
}
