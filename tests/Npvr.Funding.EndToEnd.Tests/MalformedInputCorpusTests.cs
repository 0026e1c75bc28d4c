using System.Net;
using Azure;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// A hostile caller's corpus against every write route and every query of every app's function.json: each answer is a
/// documented 4xx with problem+json, never a 5xx, and nothing is written. Routes join the corpus without editing it.
/// </summary>
public sealed class MalformedInputCorpusTests
{
    /// <summary>Holds every role, so each request gets past the role checks to the input it carries.</summary>
    private static readonly string Everyone = Principals.Encode("hostile@example.nl",
        ["Funding.Finance", "Funding.Coordinator", "Funding.Kassier", "Funding.Auditor"], Principals.StaffObjectId("GM0222"));

    private static readonly string[] Bodies =
    [
        "{'organisationCode':'GM0222'}", "{organisationCode:\"GM0222\"}", "{\"a\":1,}", "{\"a\":1 /* c */}", "{\"a\":undefined}",
        "{\"a\":1}\u0000", "{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":\"\\ud800\"}", "{\"a\":1,\"a\":2}", "[]", "\"text\"", "42", "null",
        "{", "", "   ", "{\"amount\":341322.31}", "{\"amount\":\"-0.00\"}", "{\"amount\":\"1.001\"}", "{\"amount\":\"1,00\"}",
        "{\"year\":\"2025\",\"vatRatePercent\":\"21\"}", "{\"effectiveFrom\":\"9999-12-31\",\"organisationCode\":\"GM0222\",\"organisationName\":\"x\"}",
        "{\"receivedOn\":\"2025-02-30\"}", "{\"reason\":\"" + new string('x', 100_000) + "\"}", "{\"organisationName\":\"a\\u0000b\",\"organisationCode\":\"GM0222\",\"effectiveFrom\":\"2025-01-01\"}",
        "{\"x\":" + new string('[', 40) + new string(']', 40) + "}",
        "\uFEFF{\"a\":1}", "{\"a\":\"raw\u0001control\"}", "{\"a\":1e999}", "{\"a\":-}", "true", "{\"a\":\"\\x41\"}",
        "{\"a\":\"\\u12\"}", "{\"a\" 1}", "{\"a\":[1 2]}", "{\"amount\":\"99999999999999999.99\"}", "{\"amount\":\"١٢.٠٠\"}",
    ];

    /// <summary>Malformed values for each query parameter the routes take.</summary>
    private static readonly Dictionary<string, string[]> BadValues = new()
    {
        ["pageSize"] = ["abc", "0", "1001", "-1", "1e3", "10%00", "%20%2010"],
        ["continuationToken"] = ["garbage", "djE6MQ%3D%3D%00", "%00", "djE6"],
        ["year"] = ["2025%00", "twenty", "99999", "-2025", "1999"],
        ["from"] = ["-1", "abc", "0", "1%00"],
        ["status"] = ["paid", "ISSUED"],
        ["regionId"] = ["randstad", "%00"],
        ["programmeId"] = ["NOT%20AN%20ID", "a%2Fb"],
        ["category"] = ["food", "PERSONNEL"],
        ["to"] = ["2025-13-01", "yesterday"],
    };

    /// <summary>The query parameters each GET route takes (docs/api.md); a route with none gets only the unknown-route checks.</summary>
    private static readonly Dictionary<string, string[]> QueryParameters = new()
    {
        ["regions"] = ["pageSize", "continuationToken"],
        ["programmes/{programmeId}/allocations"] = ["year", "pageSize", "continuationToken"],
        ["tranches"] = ["programmeId", "year", "regionId", "status", "pageSize", "continuationToken"],
        ["audit/regions/{regionId}/journal"] = ["from", "pageSize", "continuationToken"],
        ["regions/{regionId}/spending"] = ["programmeId", "year", "category", "from", "to", "pageSize", "continuationToken"],
    };

    private static IEnumerable<string> Queries(string route) =>
        QueryParameters.GetValueOrDefault(route, []).SelectMany(p => BadValues[p].Select(v => $"{p}={v}"));

    [Fact]
    public async Task Every_malformed_input_on_every_route_is_a_4xx_problem_and_writes_nothing()
    {
        // "Nothing written" counts every row of the apps: no staff projection either.
        await using var system = await TestSystem.StartAsync(kassierStaff: false);
        var failures = new List<string>();
        var cases = 0;
        foreach (var function in system.Host.Functions.Where(f => f.IsHttp && !f.IsCatchAll)) // the catch-all has tests of its own
        {
            var path = Concrete(function.Route);
            foreach (var method in function.Methods)
            {
                foreach (var input in method is "GET" ? Queries(function.Route) : Bodies)
                {
                    cases++;
                    var response = method is "GET"
                        ? await system.Api.GetAsync(path + "?" + input, Everyone)
                        : await system.Api.SendAsync(new HttpMethod(method), path, Everyone, input);
                    if ((int)response.Status is < 400 or >= 500)
                        failures.Add($"{method} {path} [{Shorten(input)}] -> {(int)response.Status}");
                    else if ((int)response.Status >= 400 && response.MediaType != "application/problem+json")
                        failures.Add($"{method} {path} [{Shorten(input)}] -> {(int)response.Status} as {response.MediaType}");
                }
            }
        }
        await system.IdleAsync();

        Assert.True(cases >= 300, $"only {cases} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var table in new[] { "Designations", "Allocation", "Disbursement", "Journal" })
            Assert.Equal(0, await RowCountAsync(system.Table(table)));
    }

    private static string Concrete(string route) => route
        .Replace("{regionId}", "achterhoek", StringComparison.Ordinal)
        .Replace("{programmeId}", NpvrProgramme.ProgrammeId, StringComparison.Ordinal)
        .Replace("{year}", "2025", StringComparison.Ordinal)
        .Replace("{trancheId}", "npvr-procesmiddelen.2025.achterhoek.1", StringComparison.Ordinal)
        .Replace("{runId}", "npvr-procesmiddelen.2025.0123456789abcdef0123456789abcdef", StringComparison.Ordinal)
        .Replace("{entryId}", "0b9a2a4e-6a52-4d36-9f3b-3f0f5f6b1c11", StringComparison.Ordinal)
        .Replace("{importId}", "0b9a2a4e-6a52-4d36-9f3b-3f0f5f6b1c12", StringComparison.Ordinal);

    private static string Shorten(string input) => input.Length <= 60 ? input : input[..60] + "…";

    private static async Task<int> RowCountAsync(TableClient table)
    {
        var count = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"])) count++;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // the app never created its table: nothing was written
        }
        return count;
    }
}
