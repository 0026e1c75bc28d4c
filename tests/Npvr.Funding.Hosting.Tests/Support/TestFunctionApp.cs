using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Hosting.Tests.Support;

/// <summary>A tiny function app: the test functions plus the shared outbox sweep and announcer.</summary>
internal sealed class TestFunctionApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Hosting.Tests";

    public IReadOnlyList<string> SendsTo => [OutboxMessage.FundingEvents];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IFunction, EchoHttp>();
        services.AddSingleton<IFunction, RefuseHttp>();
        services.AddSingleton<IFunction, PagedHttp>();
        services.AddSingleton<IFunction, OrderMessage>();
        services.AddSingleton<IFunction, Tick>();
        services.AddFundingStorage(configuration, new OutboxOptions(["Events"], SendsTo));
    }

    /// <summary>function.json of every function above, by folder name.</summary>
    public static IReadOnlyDictionary<string, string> FunctionJson { get; } = new Dictionary<string, string>
    {
        ["EchoHttp"] = Http("get", "post"),
        ["RefuseHttp"] = Http("post"),
        ["PagedHttp"] = Http("get"),
        ["OrderMessage"] = """
            { "bindings": [
              { "type": "serviceBusTrigger", "direction": "in", "name": "mySbMsg", "queueName": "orders", "connection": "ServiceBusConnection" },
              { "type": "serviceBus", "direction": "out", "name": "outMsg", "queueName": "seen", "connection": "ServiceBusConnection" } ] }
            """,
        ["Tick"] = """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "myTimer", "schedule": "0 */5 * * * *" } ] }""",
        ["SweepOutbox"] = """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "0 * * * * *" } ] }""",
        ["AnnouncePublications"] = """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "30 * * * * *" } ] }""",
        // Every app has it: FunctionAppHost registers its handler.
        [UnmatchedRoute.FunctionName] = """{ "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["get", "post"], "route": "{*path}" }, { "type": "http", "direction": "out", "name": "res" } ] }""",
    };

    private static string Http(params string[] methods) => $$"""
        { "bindings": [
          { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["{{string.Join("\", \"", methods)}}"] },
          { "type": "http", "direction": "out", "name": "res" },
          { "type": "serviceBus", "direction": "out", "name": "outMsg", "queueName": "seen", "connection": "ServiceBusConnection" } ] }
        """;

    /// <summary>Lays the app out as the host sees it: host.json and one folder per function.</summary>
    public static void WriteAppDirectory(string directory, IEnumerable<string> functionNames)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "host.json"), """{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "handler" } } }""");
        foreach (var name in functionNames)
        {
            Directory.CreateDirectory(Path.Combine(directory, name));
            File.WriteAllText(Path.Combine(directory, name, "function.json"), FunctionJson[name]);
        }
    }
}
