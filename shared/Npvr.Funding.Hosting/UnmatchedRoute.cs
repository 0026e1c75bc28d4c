using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Every app's lowest-priority HTTP function (route <c>{*path}</c>, every method): what no other function matches is a
/// problem+json 404, or a 405 with <c>Allow</c> when another route of the app matches the path but not the method
/// (issue 11 point 5). Microsoft's host answers both with an empty 404 of its own and routes in the alphabetical order
/// of function names (Azure/azure-functions-host#9876), hence the name that sorts after every other function.
/// It answers anyone, signed in or not: the routes are public in docs/openapi.yaml, and nothing is read or written.
/// </summary>
public sealed class UnmatchedRoute(AppRoutes routes) : IFunction
{
    public const string FunctionName = "ZzUnmatchedRoute";

    /// <summary>The catch-all parameter of its route in function.json.</summary>
    public const string PathParameter = "path";

    public string Name => FunctionName;

    public Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = invocation.HttpRequest();
        var path = request.RouteValues.GetValueOrDefault(PathParameter) ?? "";
        var allowed = routes.MethodsServing(path);
        var answer = allowed.Count == 0
            ? HttpResult.FromProblem(Problem.NotFound("route-not-found", "No route of this API matches the request path; docs/openapi.yaml lists every route."))
            : HttpResult.FromProblem(new Problem("method-not-allowed", "Method not allowed.", 405,
                $"This route serves {string.Join(", ", allowed)} only.")) with
            {
                Headers = new Dictionary<string, string> { ["Allow"] = string.Join(", ", allowed) },
            };
        return Task.FromResult(new InvocationResult().WithHttp(answer));
    }
}

/// <summary>The app's HTTP routes and methods as its function.json files declare them (the catch-all excluded).</summary>
public sealed class AppRoutes
{
    /// <summary>A bound on the functions read: an app has a few dozen; more means the wrong folder was given.</summary>
    public const int MaxFunctions = 200;

    private readonly Lazy<IReadOnlyList<(TemplateMatcher Matcher, string[] Methods)>> _routes;

    public AppRoutes(IConfiguration configuration) => _routes = new(() => Read(FunctionAppHost.AppDirectory(configuration)));

    /// <summary>The methods (upper case, ordered) of every route whose template matches <paramref name="path"/> (no leading slash, below the route prefix).</summary>
    public IReadOnlyList<string> MethodsServing(string path)
    {
        var requestPath = new PathString("/" + path);
        return _routes.Value.Where(r => r.Matcher.TryMatch(requestPath, new RouteValueDictionary()))
            .SelectMany(r => r.Methods).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<(TemplateMatcher, string[])> Read(string? appDirectory)
    {
        if (appDirectory is null) return [];
        var names = FunctionFolders.Names(appDirectory);
        if (names.Count > MaxFunctions) throw new InvalidOperationException($"{appDirectory} holds {names.Count} functions; at most {MaxFunctions} are read.");
        var routes = new List<(TemplateMatcher, string[])>();
        foreach (var name in names.Where(n => n != UnmatchedRoute.FunctionName))
        {
            var trigger = JObject.Parse(File.ReadAllText(Path.Combine(appDirectory, name, "function.json")))["bindings"]?
                .OfType<JObject>().FirstOrDefault(b => (string?)b["type"] == "httpTrigger");
            if (trigger is null) continue;
            var methods = trigger["methods"]?.Values<string>().OfType<string>().Select(m => m.ToUpperInvariant()).ToArray() ?? [];
            routes.Add((new TemplateMatcher(TemplateParser.Parse((string?)trigger["route"] ?? name), new RouteValueDictionary()), methods));
        }
        return routes;
    }
}
