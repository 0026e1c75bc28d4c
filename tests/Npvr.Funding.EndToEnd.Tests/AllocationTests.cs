using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class AllocationTests
{
    private static readonly string DoetinchemKassier = Principals.Kassier("GM0222");

    [Fact]
    public async Task The_Achterhoek_example_pays_341322_31_and_deposits_8677_69_and_the_journal_shows_it()
    {
        await using var system = await ReadyAsync();

        var estimate = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), DoetinchemKassier, new { vatBearingSpend = "50000.00", vatRatePercent = 21 });
        await system.IdleAsync();

        Assert.True(estimate.Status == HttpStatusCode.OK, estimate.ToString());
        Assert.Equal("8677.69", (string?)estimate.Json["compensableVatEstimate"]);
        Assert.Equal("341322.31", (string?)estimate.Json["netDu"]);
        Assert.Equal("8677.69", (string?)estimate.Json["bcfDeposit"]);
        Assert.Equal("determined", (string?)estimate.Json["status"]);
        var journal = (await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!;
        var determined = journal.Single(e => (string?)e["entry"]!["type"] == "AllocationDetermined")["entry"]!;
        Assert.Equal("341322.31", (string?)determined["data"]!["netDu"]);
        Assert.Equal(1, (int)determined["data"]!["version"]!);
        Assert.True((bool)(await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json["valid"]!);
    }

    [Fact]
    public async Task Re_estimating_gives_version_2_and_the_list_shows_the_latest_figures()
    {
        await using var system = await ReadyAsync();

        await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), DoetinchemKassier, new { compensableVat = "10000.00" });
        var second = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), DoetinchemKassier, new { compensableVat = "8677.69" });
        await system.IdleAsync();

        Assert.Equal(2, (int)second.Json["version"]!);
        var items = (await system.Api.GetAsync($"{NpvrProgramme.Programme}/allocations?year=2025", Principals.Auditor)).Json["items"]!;
        Assert.Equal(11, items.Count());
        var achterhoek = items.Single(i => (string?)i["regionId"] == "achterhoek");
        Assert.Equal("341322.31", (string?)achterhoek["netDu"]);
        Assert.Equal(2, (int)achterhoek["version"]!);
        var twente = items.Single(i => (string?)i["regionId"] == "twente");
        Assert.Equal("awaiting-estimate", (string?)twente["status"]);
        Assert.Equal("350000.00", (string?)twente["gross"]);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, twente["netDu"]!.Type);
    }

    [Fact]
    public async Task After_a_tranche_is_issued_the_estimate_is_refused_with_409()
    {
        await using var system = await ReadyAsync();
        await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), DoetinchemKassier, new { compensableVat = "8677.69" });
        await system.IdleAsync();
        var issued = await system.Api.PostAsync($"{NpvrProgramme.Programme}/years/2025/tranches", Principals.Finance, new { });
        await system.IdleAsync();

        var refused = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), Principals.Finance, new { compensableVat = "0.00" });
        var items = (await system.Api.GetAsync($"{NpvrProgramme.Programme}/allocations?year=2025", Principals.Auditor)).Json["items"]!;

        Assert.Equal(HttpStatusCode.Accepted, issued.Status);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("allocation-already-disbursed", (string?)refused.Json["type"]);
        Assert.Equal("disbursed", (string?)items.Single(i => (string?)i["regionId"] == "achterhoek")["status"]);
        var next = await system.Api.PutAsync(NpvrProgramme.Estimate(2026, "achterhoek"), DoetinchemKassier, new { compensableVat = "0.00" });
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    public static TheoryData<string, string?, object, HttpStatusCode, string> Refusals() => new()
    {
        { "achterhoek", Principals.Kassier("GM0153"), new { compensableVat = "1.00" }, HttpStatusCode.Forbidden, "not-kassier-of-region" },
        { "twente", DoetinchemKassier, new { compensableVat = "1.00" }, HttpStatusCode.Forbidden, "not-kassier-of-region" },
        { "zuid-limburg", Principals.Kassier("GM0935"), new { compensableVat = "1.00" }, HttpStatusCode.Forbidden, "kassier-not-designated" },
        { "achterhoek", Principals.Auditor, new { compensableVat = "1.00" }, HttpStatusCode.Forbidden, "forbidden-role" },
        { "achterhoek", Principals.Coordinator, new { compensableVat = "1.00" }, HttpStatusCode.Forbidden, "forbidden-role" },
        { "achterhoek", null, new { compensableVat = "1.00" }, HttpStatusCode.Unauthorized, "unauthenticated" },
        { "achterhoek", DoetinchemKassier, new { compensableVat = "350000.01" }, HttpStatusCode.BadRequest, "estimate-exceeds-gross" },
        { "achterhoek", DoetinchemKassier, new { compensableVat = "-1.00" }, HttpStatusCode.BadRequest, "estimate-negative" },
        { "achterhoek", DoetinchemKassier, new { compensableVat = "1.001" }, HttpStatusCode.BadRequest, "malformed-body" },
        { "achterhoek", DoetinchemKassier, new { compensableVat = 1.5 }, HttpStatusCode.BadRequest, "malformed-body" },
        { "achterhoek", DoetinchemKassier, new { vatBearingSpend = "500.00", vatRatePercent = 101 }, HttpStatusCode.BadRequest, "vat-rate-invalid" },
        { "achterhoek", DoetinchemKassier, new { vatBearingSpend = "500.00", vatRatePercent = -1 }, HttpStatusCode.BadRequest, "vat-rate-invalid" },
        { "achterhoek", DoetinchemKassier, new { compensableVat = "1.00", vatBearingSpend = "500.00", vatRatePercent = 21 }, HttpStatusCode.BadRequest, "estimate-form-invalid" },
        { "achterhoek", DoetinchemKassier, new { vatBearingSpend = "500.00" }, HttpStatusCode.BadRequest, "estimate-form-invalid" },
        { "randstad", Principals.Finance, new { compensableVat = "1.00" }, HttpStatusCode.BadRequest, "unknown-region" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_estimate_is_problem_json_and_writes_nothing(string regionId, string? principal, object body, HttpStatusCode status, string type)
    {
        await using var system = await ReadyAsync();

        var response = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, regionId), principal, body);
        await system.IdleAsync();

        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(type, (string?)response.Json["type"]);
        await AssertNoEstimateAsync(system);
    }

    [Theory]
    [InlineData("programmes/no-such-programme/years/2025/regions/achterhoek/vat-estimate", "unknown-programme")]
    [InlineData("programmes/npvr-procesmiddelen/years/2024/regions/achterhoek/vat-estimate", "year-not-in-programme")]
    [InlineData("programmes/npvr-procesmiddelen/years/twenty/regions/achterhoek/vat-estimate", "year-invalid")]
    public async Task An_estimate_for_an_unknown_programme_or_year_is_400(string path, string type)
    {
        await using var system = await ReadyAsync();

        var response = await system.Api.PutAsync(path, Principals.Finance, new { compensableVat = "1.00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(type, (string?)response.Json["type"]);
        await AssertNoEstimateAsync(system);
    }

    [Fact]
    public async Task Finance_may_submit_an_estimate_for_any_region()
    {
        await using var system = await ReadyAsync();

        var response = await system.Api.PutAsync(NpvrProgramme.Estimate(2027, "zeeuws-vlaanderen"), Principals.Finance, new { compensableVat = "0.00" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("350000.00", (string?)response.Json["netDu"]);
    }

    [Fact]
    public async Task Defining_a_programme_again_is_a_no_op_but_changing_it_is_409()
    {
        await using var system = await ReadyAsync();

        var same = await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition());
        var changed = await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition("400000.00"));
        var byKassier = await system.Api.PutAsync("programmes/other", DoetinchemKassier, NpvrProgramme.Definition());

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Equal("programme-already-defined", (string?)changed.Json["type"]);
        Assert.Equal(HttpStatusCode.Forbidden, byKassier.Status);
        Assert.Equal("350000.00", (string?)(await system.Api.GetAsync(NpvrProgramme.Programme, DoetinchemKassier)).Json["grossPerRegionPerYear"]);
    }

    /// <summary>A system with the NPVR programme, Doetinchem kassier of the Achterhoek and Enschede of Twente, all events applied.</summary>
    private static async Task<TestSystem> ReadyAsync()
    {
        var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition())).Status);
        await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem());
        await system.Api.PutAsync("regions/twente/kassier", Principals.Coordinator,
            new { organisationCode = "GM0153", organisationName = "Gemeente Enschede", effectiveFrom = "2025-01-20" });
        await system.IdleAsync();
        return system;
    }

    private static async Task AssertNoEstimateAsync(TestSystem system)
    {
        var items = (await system.Api.GetAsync($"{NpvrProgramme.Programme}/allocations", Principals.Auditor)).Json["items"]!;
        Assert.All(items, i => Assert.Equal("awaiting-estimate", (string?)i["status"]));
        var journal = (await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!;
        Assert.DoesNotContain(journal, e => (string?)e["entry"]!["type"] == "AllocationDetermined");
    }
}
