using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>Reads every app under functions/ as the Functions host would: host.json, then one folder per function.</summary>
public static class FunctionCatalog
{
    private const int MaxFunctionsPerApp = 200;

    public static IReadOnlyList<string> AppDirectories(string repositoryRoot) =>
        Directory.EnumerateDirectories(Path.Combine(repositoryRoot, "functions"))
            .Where(d => File.Exists(Path.Combine(d, "host.json")))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<FunctionDefinition> Read(string appDirectory)
    {
        var appName = Path.GetFileName(appDirectory);
        var functions = new List<FunctionDefinition>();
        foreach (var folder in Directory.EnumerateDirectories(appDirectory).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "function.json");
            if (!File.Exists(path)) continue;
            if (functions.Count >= MaxFunctionsPerApp) throw new InvalidOperationException($"{appName} declares more than {MaxFunctionsPerApp} functions.");
            functions.Add(ReadOne(appName, Path.GetFileName(folder), path));
        }
        return functions;
    }

    private static FunctionDefinition ReadOne(string appName, string name, string path)
    {
        var json = FundingJson.Parse(File.ReadAllText(path)) as JObject
            ?? throw new InvalidOperationException($"{path} is not a JSON object.");
        var bindings = (json["bindings"] as JArray ?? []).OfType<JObject>().ToList();
        var triggers = bindings.Where(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true).ToList();
        if (triggers.Count != 1) throw new InvalidOperationException($"{path} must declare exactly one trigger, not {triggers.Count}.");
        var outputs = bindings.Where(b => ((string?)b["direction"])?.Equals("out", StringComparison.OrdinalIgnoreCase) == true).ToList();
        return new FunctionDefinition(appName, name, triggers[0], outputs);
    }
}
