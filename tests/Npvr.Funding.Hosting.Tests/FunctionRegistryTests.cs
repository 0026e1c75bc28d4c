using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>function.json folders are the truth: handlers and folders must match one to one.</summary>
public sealed class FunctionRegistryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npvr-registry-tests-" + Guid.NewGuid().ToString("N"));

    public FunctionRegistryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Declare(params string[] names)
    {
        foreach (var name in names)
        {
            Directory.CreateDirectory(Path.Combine(_directory, name));
            File.WriteAllText(Path.Combine(_directory, name, "function.json"), """{ "bindings": [] }""");
        }
    }

    private static FunctionRegistry Registry(params IFunction[] functions) => new(functions);

    [Fact]
    public void Matching_folders_and_handlers_pass()
    {
        Declare("EchoHttp", "OrderMessage");
        Registry(new EchoHttp(), new OrderMessage()).EnsureMatches(_directory);
        Assert.Equal(["EchoHttp", "OrderMessage"], FunctionFolders.Names(_directory));
    }

    [Fact]
    public void Function_json_without_a_handler_is_detected()
    {
        Declare("EchoHttp", "Orphan");
        var error = Assert.Throws<InvalidOperationException>(() => Registry(new EchoHttp()).EnsureMatches(_directory));
        Assert.Contains("Without handler: [Orphan]", error.Message, StringComparison.Ordinal);
        Assert.Contains("without function.json: []", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_without_a_function_json_is_detected()
    {
        Declare("EchoHttp");
        var error = Assert.Throws<InvalidOperationException>(() => Registry(new EchoHttp(), new Tick()).EnsureMatches(_directory));
        Assert.Contains("Without handler: []", error.Message, StringComparison.Ordinal);
        Assert.Contains("without function.json: [Tick]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_a_function_json_is_not_a_function()
    {
        Declare("EchoHttp");
        Directory.CreateDirectory(Path.Combine(_directory, "bin"));
        File.WriteAllText(Path.Combine(_directory, "host.json"), "{}");
        Registry(new EchoHttp()).EnsureMatches(_directory);
        Assert.Equal(["EchoHttp"], FunctionFolders.Names(_directory));
    }

    [Fact]
    public void Two_handlers_with_one_name_are_refused() =>
        Assert.Throws<InvalidOperationException>(() => Registry(new Tick(), new Tick()));

    [Fact]
    public void Handler_is_found_by_name_without_regard_to_case()
    {
        var registry = Registry(new Tick());
        Assert.IsType<Tick>(registry.Find("tick"));
        Assert.Null(registry.Find("Tock"));
    }

    [Fact]
    public void Handler_cannot_start_when_its_functions_do_not_match_the_app_directory()
    {
        TestFunctionApp.WriteAppDirectory(_directory, ["EchoHttp", "Tick"]);
        var error = Assert.Throws<InvalidOperationException>(() => FunctionAppHost.Build(new TestFunctionApp(), [], "http://127.0.0.1:0",
            new Dictionary<string, string?> { ["FunctionApp:Directory"] = _directory, ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["ServiceBusConnection"] = HandlerServer.UnusedServiceBus }));
        Assert.Contains("without function.json: [", error.Message, StringComparison.Ordinal);
        Assert.Contains("OrderMessage", error.Message, StringComparison.Ordinal);
    }
}
