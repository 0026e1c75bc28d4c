using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.LocalHost;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// docs/openapi.yaml against the code: every route a function.json declares is documented with its methods, every
/// documented operation not marked x-planned is served, every problem type the apps raise is documented, and the
/// local host serves the document and its browsable page. (Each response of the other tests is checked against the
/// document by <see cref="ContractCheck"/>.)
/// </summary>
public sealed class ContractTests
{
    private static readonly string Root = RepositoryRoot.Locate(AppContext.BaseDirectory);

    [Fact]
    public async Task Every_function_json_route_is_documented_with_its_methods_and_not_as_planned()
    {
        var document = await ApiContract.LoadAsync(Root);
        var served = ServedRoutes.All(Root);

        Assert.NotEmpty(served);
        foreach (var (method, path, source) in served)
        {
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{source} serves {path}, which docs/openapi.yaml does not document.");
            var operation = item!.Operations?.GetValueOrDefault(new HttpMethod(method));
            Assert.True(operation is not null, $"{source} serves {method} {path}, which docs/openapi.yaml does not document.");
            Assert.False(ApiContract.IsPlanned(operation), $"{source} serves {method} {path}: remove its x-planned mark from docs/openapi.yaml.");
        }
    }

    [Fact]
    public async Task Every_documented_operation_not_marked_planned_is_served()
    {
        var document = await ApiContract.LoadAsync(Root);
        var served = ServedRoutes.All(Root).Select(s => (s.Method, s.Path)).ToHashSet();

        var documented = document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (Method: o.Key.Method, Path: p.Key, Operation: o.Value))).ToList();
        var unserved = documented.Where(d => !ApiContract.IsPlanned(d.Operation) && !served.Contains((d.Method, d.Path))).Select(d => $"{d.Method} {d.Path}");

        // Every operation is served now (none is marked planned); a documented route without a function fails here.
        Assert.NotEmpty(documented);
        Assert.Empty(unserved);
    }

    [Fact]
    public async Task Every_problem_type_the_served_apps_raise_is_documented()
    {
        var document = await ApiContract.LoadAsync(Root);
        var documented = document.Components!.Schemas!["ProblemType"].Enum!.Select(e => e!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        var raised = RaisedProblemTypes();

        Assert.Contains("region-not-found", raised);
        Assert.Empty(raised.Where(t => !documented.Contains(t)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_local_host_serves_the_contract_as_json_and_a_browsable_page()
    {
        await using var system = await TestSystem.StartAsync();
        using var http = new HttpClient { BaseAddress = system.Host.BaseUrl };

        using var json = await http.GetAsync("api/openapi.json");
        using var page = await http.GetAsync("api/docs");
        var served = JObject.Parse(await json.Content.ReadAsStringAsync());
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.StartsWith("3.1", (string?)served["openapi"], StringComparison.Ordinal);
        Assert.Equal((await ApiContract.LoadAsync(Root)).Paths.Count, ((JObject)served["paths"]!).Count);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The problem types written as literals in the served apps' code (the planned Spending ledger's domain aside).</summary>
    private static HashSet<string> RaisedProblemTypes()
    {
        var call = new Regex(@"(?:DomainError\.(?:Invalid|Conflict|Forbidden|NotFound)|Problem\.(?:BadRequest|NotFound|Forbidden|Conflict)|new Problem|\bInvalid)\(\s*""([a-z0-9]+(?:-[a-z0-9]+)+)""",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        // Field errors of the spending rules and CSV lines name their type after the field or the error kind.
        var fieldError = new Regex(@"(?:FieldError\.\w+\(\s*[^,]+,|ErrorKind\.\w+,)\s*""([a-z0-9]+(?:-[a-z0-9]+)+)""", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var constant = new Regex(@"DomainError\.(?:Invalid|Conflict|Forbidden|NotFound)\(BlockReasons\.(\w+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var blockReasons = typeof(Npvr.Funding.Domain.Disbursement.BlockReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var planned = new[] { Path.Combine("Domain", "Statements") };
        var sources = new[] { "shared", "functions" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !planned.Any(p => f.Contains("Npvr.Funding." + p, StringComparison.Ordinal)));
        var raised = new HashSet<string>(StringComparer.Ordinal) { "unauthenticated" };
        foreach (var text in sources.Select(File.ReadAllText))
        {
            raised.UnionWith(call.Matches(text).Select(m => m.Groups[1].Value));
            raised.UnionWith(fieldError.Matches(text).Select(m => m.Groups[1].Value));
            raised.UnionWith(constant.Matches(text).Select(m => blockReasons[m.Groups[1].Value]));
        }
        return raised;
    }
}
