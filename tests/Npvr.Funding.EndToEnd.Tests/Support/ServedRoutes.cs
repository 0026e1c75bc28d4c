using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>What the apps serve over HTTP, read from functions/*/*/function.json: the source the contract and the authorization matrix are checked against.</summary>
internal static class ServedRoutes
{
    /// <summary>(METHOD, /route, where) of every HTTP trigger, the catch-all aside (it answers what no operation matches).</summary>
    public static List<(string Method, string Path, string Source)> All(string repositoryRoot)
    {
        var functions = Path.Combine(repositoryRoot, "functions");
        var served = new List<(string, string, string)>();
        foreach (var file in Directory.EnumerateFiles(functions, "function.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetRelativePath(functions, f).Count(c => c == Path.DirectorySeparatorChar) == 2))
        {
            var trigger = ((JArray)JObject.Parse(File.ReadAllText(file))["bindings"]!).OfType<JObject>()
                .FirstOrDefault(b => (string?)b["type"] == "httpTrigger");
            if (trigger is null || Path.GetFileName(Path.GetDirectoryName(file)) == UnmatchedRoute.FunctionName) continue;
            var route = "/" + ((string?)trigger["route"] ?? Path.GetFileName(Path.GetDirectoryName(file)!));
            var methods = trigger["methods"] is JArray listed ? listed.Select(m => ((string)m!).ToUpperInvariant()) : ["GET", "POST", "PUT", "DELETE", "PATCH"];
            served.AddRange(methods.Select(m => (m, route, Path.GetRelativePath(repositoryRoot, file))));
        }
        return served;
    }
}
