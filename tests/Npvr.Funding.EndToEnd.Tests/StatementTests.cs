using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class StatementTests
{
    private const string Programme = NpvrProgramme.ProgrammeId;

    [Fact]
    public async Task The_Achterhoek_2025_statement_is_exact_to_the_cent_and_2026_carries_its_balance_over()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        await AchterhoekStoryAsync(system);

        var statement = await StatementAsync(system, "achterhoek", 2025, Principals.Auditor);
        Assert.Equal(("350000.00", "8677.69", "341322.31"), ((string?)statement["gross"], (string?)statement["bcfDeposit"], (string?)statement["netAllocated"]));
        Assert.Equal(("341322.31", "341322.31", 0), ((string?)statement["issued"], (string?)statement["received"], (int)statement["openDiscrepancies"]!));
        Assert.Equal(("120000.00", "8000.00", "677.69"), ((string?)statement["spent"], (string?)statement["compensableVatIncurred"], (string?)statement["bcfPosition"]));
        Assert.Equal(("0.00", "221322.31", false, false), ((string?)statement["carriedOverIn"], (string?)statement["balance"], (bool)statement["negativeBalance"]!, (bool)statement["closed"]!));
        var next = await StatementAsync(system, "achterhoek", 2026, Principals.Finance);
        Assert.Equal(("221322.31", "221322.31", "0.00"), ((string?)next["carriedOverIn"], (string?)next["balance"], (string?)next["gross"]));
        var afterLastYear = await StatementAsync(system, "achterhoek", 2028, KassierOf("achterhoek"));
        Assert.Equal("221322.31", (string?)afterLastYear["carriedOverIn"]);
        await AssertStatementsRebuildFromTheJournalAsync(system, "achterhoek", 2028);
    }

    [Fact]
    public async Task A_region_that_spends_before_it_receives_shows_a_flagged_negative_balance()
    {
        await using var system = await ReadyAsync(["twente"]);
        await RecordAsync(system, "twente", Entry(Programme, "2025-04-01", "5000.00", "0.00", "0.00", "personnel"));
        await system.IdleAsync();

        var statement = await StatementAsync(system, "twente", 2025, Principals.Auditor);
        Assert.Equal(("-5000.00", true), ((string?)statement["balance"], (bool)statement["negativeBalance"]!));
        Assert.Equal("-5000.00", (string?)(await StatementAsync(system, "twente", 2026, Principals.Auditor))["carriedOverIn"]);
        await AssertStatementsRebuildFromTheJournalAsync(system, "twente", 2027);
    }

    [Fact]
    public async Task The_programme_statement_lists_every_region_with_totals_as_json_and_csv()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        await AchterhoekStoryAsync(system);

        var overview = await system.Api.GetAsync($"{NpvrProgramme.Programme}/statement?year=2025", Principals.Finance);
        Assert.True(overview.Status == HttpStatusCode.OK, overview.ToString());
        Assert.Equal(11, overview.Json["regions"]!.Count());
        Assert.Equal(("341322.31", "120000.00", "221322.31"),
            ((string?)overview.Json["totals"]!["received"], (string?)overview.Json["totals"]!["spent"], (string?)overview.Json["totals"]!["balance"]));
        var csv = await system.Api.GetCsvAsync($"{NpvrProgramme.Programme}/statement?year=2025", Principals.Auditor);
        Assert.True(csv.Status == HttpStatusCode.OK, csv.ToString());
        var lines = csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("regionId,programmeId,year,gross,", lines[0], StringComparison.Ordinal);
        Assert.Contains("achterhoek,npvr-procesmiddelen,2025,350000.00,8677.69,341322.31,341322.31,341322.31,0,120000.00,8000.00,677.69,0.00,221322.31,false,false,", lines);
        Assert.StartsWith("total,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_auditors_finance_and_the_regions_own_kassier_read_statements()
    {
        await using var system = await ReadyAsync([]);
        var region = $"regions/achterhoek/statement?programmeId={Programme}&year=2025";
        var programme = $"{NpvrProgramme.Programme}/statement?year=2025";

        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync(region, Principals.Auditor)).Status);
        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync(region, Principals.Finance)).Status);
        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync(region, KassierOf("achterhoek"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync(region, KassierOf("twente"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync(region, Principals.Coordinator)).Status);
        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync(programme, Principals.Auditor)).Status);
        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync(programme, Principals.Finance)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync(programme, KassierOf("achterhoek"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync(programme, Principals.Coordinator)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await system.Api.GetAsync($"regions/achterhoek/statement?programmeId={Programme}&year=2024", Principals.Auditor)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Api.GetAsync("regions/achterhoek/statement?programmeId=nope&year=2025", Principals.Auditor)).Status);
    }

    /// <summary>Issued and received 341,322.31; entries of 121,000.00 incl. 8,000.00 compensable VAT, one of 1,000.00 reversed.</summary>
    internal static async Task AchterhoekStoryAsync(TestSystem system)
    {
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        await system.IdleAsync();
        var trancheId = (string)(await TranchesAsync(system, 2025)).Single(t => (string?)t["regionId"] == "achterhoek")["trancheId"]!;
        var receipt = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-0001" });
        Assert.True(receipt.Status == HttpStatusCode.OK, receipt.ToString());
        await RecordAsync(system, "achterhoek", Entry(Programme, "2025-03-14", "48400.00", "8400.00", "8000.00", "process-guidance"));
        await RecordAsync(system, "achterhoek", Entry(Programme, "2025-06-30", "71600.00", "0.00", "0.00", "personnel"));
        var wrong = Entry(Programme, "2025-09-01", "1000.00", "0.00", "0.00", "other");
        await RecordAsync(system, "achterhoek", wrong);
        var reversal = await system.Api.PostAsync($"{SpendingPath("achterhoek")}/{wrong["entryId"]}/reversal", KassierOf("achterhoek"), new { reason = "Dubbel geboekt" });
        Assert.True(reversal.Status == HttpStatusCode.Created, reversal.ToString());
        await system.IdleAsync();
    }

    internal static async Task<JObject> StatementAsync(TestSystem system, string regionId, int year, string principal)
    {
        var response = await system.Api.GetAsync($"regions/{regionId}/statement?programmeId={Programme}&year={year}", principal);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json;
    }

    /// <summary>Every statement of the region rebuilt from its journal entries alone equals what the API answers.</summary>
    internal static async Task AssertStatementsRebuildFromTheJournalAsync(TestSystem system, string regionId, int lastYear)
    {
        var facts = (await WholeJournalAsync(system, regionId))
            .Select(e => StatementFactsFromEvents.Of(FundingJson.Deserialize<EventEnvelope>(e["entry"]!.ToString())))
            .OfType<StatementFact>();
        var rebuilt = RegionYearStatement.Rebuild(Programme, regionId, 2025, lastYear, facts);
        foreach (var statement in rebuilt)
        {
            var answered = await StatementAsync(system, regionId, statement.Year, Principals.Auditor);
            var expected = JObject.FromObject(FundingJson.ToJObject(new Spending.StatementView(statement.RegionId, statement.ProgrammeId, statement.Year,
                statement.Gross, statement.BcfDeposit, statement.NetAllocated, statement.Issued, statement.Received, statement.OpenDiscrepancies, statement.Spent,
                statement.CompensableVatIncurred, statement.BcfPosition, statement.CarriedOverIn, statement.Balance, statement.NegativeBalance, statement.Closed,
                statement.SealHash)));
            Assert.True(JToken.DeepEquals(expected, answered), $"{regionId} {statement.Year}: rebuilt {expected} but answered {answered}");
        }
    }

    internal static string Today() => Domain.Spending.BusinessDate.InAmsterdam(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
