using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.OpenApi;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.LocalHost;
using Npvr.Funding.LocalHost.Azurite;
using Xunit.Abstractions;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 11: every route a function.json serves, crossed with every kind of caller (none, no role, an unknown role, a
/// role in the wrong case, each Funding role, the kassier of the route's region and of another region). The expected
/// answer comes from the contract: an operation's <c>x-roles</c>, and <c>x-kassier-scope: region</c> where only the
/// region's own kassier may call. Denials are 401/403 problem+json and write nothing (every table read back); allowed
/// reads answer 2xx; allowed writes pass authorization (no 401/403, no 5xx: their business answer may still refuse).
/// A new route joins the matrix through its function.json and its contract entry, without editing this test.
/// </summary>
[Collection(BulkWork.Name)]
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    private const string RolesExtension = "x-roles";
    private const string KassierScopeExtension = "x-kassier-scope";

    /// <summary>Bounds the read-back: the world of this test holds a few thousand rows.</summary>
    private const int MaxRowsRead = 200_000;

    private static readonly string Root = RepositoryRoot.Locate(AppContext.BaseDirectory);

    private sealed record Caller(string Name, string? Principal, string? Role, bool OfAnotherRegion = false);

    private static readonly Caller[] Callers =
    [
        new("nobody signed in", null, null),
        new("signed in without a role", Principals.Encode("nobody@example.nl", []), null),
        new("an unknown role", Principals.Encode("someone@example.nl", ["Funding.Unknown"]), null),
        new("a role in the wrong case", Principals.Encode("someone@example.nl", ["funding.finance"]), null),
        new("finance", Principals.Finance, "Funding.Finance"),
        new("coordinator", Principals.Coordinator, "Funding.Coordinator"),
        new("auditor", Principals.Auditor, "Funding.Auditor"),
        new("the region's kassier", KassierOf("achterhoek"), "Funding.Kassier"),
        new("another region's kassier", KassierOf("twente"), "Funding.Kassier", OfAnotherRegion: true),
    ];

    private sealed record Operation(string Method, string Template, IReadOnlySet<string> Roles, bool KassierOfRegionOnly, OpenApiOperation Contract);

    [Fact]
    public async Task Every_route_admits_exactly_the_callers_its_contract_names_and_a_denial_writes_nothing()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var values = await WorldAsync(system);
        var operations = await OperationsAsync();
        var failures = new List<string>();
        var cells = operations.SelectMany(o => Callers.Select(c => (Operation: o, Caller: c, Allowed: Admits(o, c)))).ToList();

        await system.IdleAsync();
        var before = await RowsAsync(system);
        foreach (var (operation, caller, _) in cells.Where(c => !c.Allowed))
        {
            var answer = await SendAsync(system, operation, caller, values);
            var expected = caller.Principal is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            if (answer.Status != expected || answer.MediaType != "application/problem+json")
                failures.Add($"{operation.Method} {operation.Template} by {caller.Name}: expected {(int)expected} problem+json, got {answer}");
        }
        await system.IdleAsync();
        var after = await RowsAsync(system);
        failures.AddRange(after.Except(before).Select(row => $"a denial wrote {row}"));
        failures.AddRange(before.Except(after).Select(row => $"a denial changed or removed {row}"));

        foreach (var (operation, caller, _) in cells.Where(c => c.Allowed).OrderBy(c => c.Operation.Method == "GET" ? 0 : 1))
        {
            var answer = await SendAsync(system, operation, caller, values);
            var status = (int)answer.Status;
            var fine = operation.Method == "GET" ? status is >= 200 and < 300 : status is not (401 or 403) and < 500;
            if (!fine) failures.Add($"{operation.Method} {operation.Template} by {caller.Name} is allowed by the contract, got {answer}");
        }

        output.WriteLine($"{operations.Count} operations x {Callers.Length} callers = {cells.Count} cells: {cells.Count(c => !c.Allowed)} denied, {cells.Count(c => c.Allowed)} allowed; {before.Count} rows read back.");
        Assert.True(operations.Count >= 30, $"Only {operations.Count} operations were found in function.json files.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static bool Admits(Operation operation, Caller caller) =>
        caller.Role is { } role && operation.Roles.Contains(role) && !(caller.OfAnotherRegion && operation.KassierOfRegionOnly);

    /// <summary>Every served route with its contract entry; a route without <c>x-roles</c> fails here (the default is to refuse).</summary>
    private static async Task<List<Operation>> OperationsAsync()
    {
        var document = await ApiContract.LoadAsync(Root);
        var operations = new List<Operation>();
        foreach (var (method, path, source) in ServedRoutes.All(Root))
        {
            var contract = document.Paths[path].Operations![new HttpMethod(method)];
            var roles = Extension(contract, RolesExtension) as JsonArray
                ?? throw new InvalidOperationException($"{source}: {method} {path} names no {RolesExtension} in docs/openapi.yaml.");
            var scope = (Extension(contract, KassierScopeExtension) as JsonValue)?.GetValue<string>();
            if (scope is not (null or "region")) throw new InvalidOperationException($"{method} {path}: {KassierScopeExtension} is 'region' or absent, not '{scope}'.");
            operations.Add(new Operation(method, path, roles.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal), scope == "region", contract));
        }
        return operations;
    }

    private static JsonNode? Extension(OpenApiOperation operation, string name) =>
        operation.Extensions?.TryGetValue(name, out var value) == true && value is JsonNodeExtension node ? node.Node : null;

    /// <summary>The Achterhoek with a tranche issued, a spending entry, an import and journal entries: values for every route parameter.</summary>
    private static async Task<Dictionary<string, string>> WorldAsync(TestSystem system)
    {
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        await system.IdleAsync();
        var tranche = (await TranchesAsync(system, 2025)).Single(t => (string?)t["regionId"] == "achterhoek");
        var entry = await RecordAsync(system, "achterhoek", Entry(NpvrProgramme.ProgrammeId, "2025-06-01"));
        var import = await StartImportAsync(system, "achterhoek", CsvText.Of(CsvText.Generated(NpvrProgramme.ProgrammeId, 1)));
        await WaitForImportAsync(system, import, TimeSpan.FromMinutes(2));
        await system.IdleAsync();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["regionId"] = "achterhoek",
            ["programmeId"] = NpvrProgramme.ProgrammeId,
            ["year"] = "2025",
            ["trancheId"] = (string)tranche["trancheId"]!,
            ["runId"] = (string)issued.Json["runId"]!,
            ["organisationCode"] = Doetinchem,
            ["objectId"] = Principals.StaffObjectId(Doetinchem).ToString("D"),
            ["entryId"] = (string)entry["entryId"]!,
            ["importId"] = import.Split('/')[^1],
            ["sequence"] = "1",
            ["treeSize"] = "2",
            ["fromSize"] = "1",
            ["toSize"] = "2",
        };
    }

    private static Task<ApiResponse> SendAsync(TestSystem system, Operation operation, Caller caller, Dictionary<string, string> values)
    {
        var path = operation.Template.TrimStart('/');
        foreach (var parameter in (operation.Contract.Parameters ?? []).Where(p => p.In == ParameterLocation.Path))
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(ValueOf(parameter, values)), StringComparison.Ordinal);
        var query = (operation.Contract.Parameters ?? []).Where(p => p.In == ParameterLocation.Query && p.Required)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(ValueOf(p, values))}").ToList();
        if (query.Count > 0) path += "?" + string.Join('&', query);
        var content = operation.Contract.RequestBody?.Content;
        if (content?.ContainsKey("text/csv") == true)
            return system.Api.PostCsvAsync(path, caller.Principal, CsvText.Of(CsvText.Generated(NpvrProgramme.ProgrammeId, 1)));
        if (operation.Method == "GET") return system.Api.GetAsync(path, caller.Principal);
        var media = content is not null && content.TryGetValue("application/json", out var json) ? json : null;
        var example = media?.Example ?? media?.Examples?.Values.FirstOrDefault()?.Value;
        return system.Api.SendAsync(new HttpMethod(operation.Method), path, caller.Principal, example?.ToJsonString() ?? "{}");
    }

    private static string ValueOf(IOpenApiParameter parameter, Dictionary<string, string> values) =>
        values.GetValueOrDefault(parameter.Name!) ?? parameter.Example?.ToString()
        ?? throw new InvalidOperationException($"No value for parameter {parameter.Name}: give it an example in docs/openapi.yaml.");

    /// <summary>Every row of this system's tables with its ETag: a write anywhere changes the set.</summary>
    private static async Task<HashSet<string>> RowsAsync(TestSystem system)
    {
        var service = new TableServiceClient(system.ConnectionString);
        var rows = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(system.TablePrefix) >= 0 && t.Name.CompareTo(system.TablePrefix + "~") < 0))
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey} {row.ETag}");
                if (rows.Count > MaxRowsRead) throw new InvalidOperationException($"More than {MaxRowsRead} rows to read back.");
            }
        }
        return rows;
    }
}
