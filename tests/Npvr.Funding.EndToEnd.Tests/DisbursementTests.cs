using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class DisbursementTests
{
    private static readonly string[] AllButTwente = Regions.All.Select(r => r.Id).Where(r => r != "twente").ToArray();

    [Fact]
    public async Task Issuing_2025_pays_the_10_ready_regions_their_net_DU_and_blocks_the_one_awaiting_its_estimate()
    {
        await using var system = await ReadyAsync(AllButTwente);

        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await system.IdleAsync();

        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        var plan = issued.Json["regions"]!.ToDictionary(r => (string)r["regionId"]!, r => r);
        Assert.Equal(10, plan.Values.Count(r => (string?)r["outcome"] == "queued"));
        Assert.Equal("blocked", (string?)plan["twente"]["outcome"]);
        Assert.Equal("awaiting-estimate", (string?)plan["twente"]["reason"]);
        var run = await system.Api.GetAsync($"tranche-runs/{issued.Json["runId"]}", Principals.Auditor);
        Assert.Equal(10, run.Json["regions"]!.Count(r => (string?)r["outcome"] == "issued"));
        Assert.Equal("blocked", (string?)run.Json["regions"]!.Single(r => (string?)r["regionId"] == "twente")["outcome"]);

        var tranches = await TranchesAsync(system, 2025);
        Assert.Equal(10, tranches.Count);
        var allocations = (await system.Api.GetAsync($"{NpvrProgramme.Programme}/allocations?year=2025", Principals.Auditor)).Json["items"]!
            .ToDictionary(a => (string)a["regionId"]!, a => a);
        foreach (var tranche in tranches)
        {
            var allocation = allocations[(string)tranche["regionId"]!];
            Assert.Equal((string?)allocation["netDu"], (string?)tranche["amount"]);
            Assert.Equal((int)allocation["version"]!, (int)tranche["allocationVersion"]!);
            Assert.Equal("disbursed", (string?)allocation["status"]);
            Assert.Equal("Gemeentefonds", (string?)tranche["fund"]);
        }
        var paidPlusDeposited = tranches.Sum(t => Money.Parse((string)t["amount"]!).Cents + Money.Parse((string)t["bcfDeposit"]!).Cents);
        Assert.Equal(10 * 350_000_00L, paidPlusDeposited);
        var achterhoek = tranches.Single(t => (string?)t["regionId"] == "achterhoek");
        Assert.Equal("341322.31", (string?)achterhoek["amount"]);
        Assert.Equal(1, Count(await JournalAsync(system, "achterhoek"), "TrancheIssued"));
        foreach (var regionId in AllButTwente) await AssertJournalVerifiesAsync(system, regionId);
    }

    [Fact]
    public async Task Fifty_concurrent_issue_requests_with_duplicated_and_reordered_deliveries_pay_each_region_once()
    {
        await using var system = await ReadyAsync(["achterhoek", "twente", "zuid-limburg"]);
        system.Host.Broker.Faults.DuplicateNextDeliveries("tranche-issuing", 20);
        system.Host.Broker.Faults.DuplicateNextDeliveries("allocation-commands", 20);
        system.Host.Broker.Faults.DuplicateNextDeliveries("funding-events/Subscriptions/disbursement-events", 20);
        system.Host.Broker.Faults.ReorderNextDeliveries("funding-events/Subscriptions/spending-journal", 6, LocalHost.Broker.DeliveryOrder.Reverse);
        system.Host.Faults.CrashAfterWriteBeforeReply("ApplyFundingEvent", 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { })));
        await system.IdleAsync();
        await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Disbursement");
        await system.IdleAsync();

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Accepted, a.ToString()));
        var tranches = await TranchesAsync(system, 2025);
        Assert.Equal(["achterhoek", "twente", "zuid-limburg"], tranches.Select(t => (string)t["regionId"]!).Order(StringComparer.Ordinal));
        Assert.All(tranches, t => Assert.Equal(1, (int)t["sequence"]!));
        foreach (var regionId in new[] { "achterhoek", "twente", "zuid-limburg" })
        {
            var journal = await JournalAsync(system, regionId);
            Assert.Equal(1, Count(journal, "TrancheIssued"));
            await AssertJournalVerifiesAsync(system, regionId);
        }
    }

    [Fact]
    public async Task A_re_estimate_that_lands_before_the_freeze_makes_the_freeze_stale_and_no_tranche_pays_the_old_version()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        // Hold the freeze command (asked for version 1) in its queue until the re-estimate has landed.
        system.Host.Broker.Faults.DelayDeliveries("allocation-commands", TimeSpan.FromMinutes(5));

        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await WaitUntilAsync(() => system.Host.Broker.ActiveMessageCount("allocation-commands") == 1);
        var reestimated = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), KassierOf("achterhoek"), new { compensableVat = "10000.00" });
        system.Host.Broker.Faults.Clear("allocation-commands");
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, reestimated.Status);
        Assert.Equal(2, (int)reestimated.Json["version"]!);
        var run = await system.Api.GetAsync($"tranche-runs/{issued.Json["runId"]}", Principals.Finance);
        var line = run.Json["regions"]!.Single(r => (string?)r["regionId"] == "achterhoek");
        Assert.Equal("blocked", (string?)line["outcome"]);
        Assert.Equal("allocation-version-stale", (string?)line["reason"]);
        Assert.Empty(await TranchesAsync(system, 2025));

        await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await system.IdleAsync();
        var tranche = Assert.Single(await TranchesAsync(system, 2025));
        Assert.Equal("340000.00", (string?)tranche["amount"]);
        Assert.Equal(2, (int)tranche["allocationVersion"]!);
        var refused = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), KassierOf("achterhoek"), new { compensableVat = "1.00" });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("allocation-already-disbursed", (string?)refused.Json["type"]);
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task A_kassier_confirms_receipt_and_nobody_else_may()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);
        var receipt = new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-0001" };

        var byOther = await system.Api.PostAsync($"tranches/{trancheId}/receipt", Principals.Kassier("GM0153"), receipt);
        var byAuditor = await system.Api.PostAsync($"tranches/{trancheId}/receipt", Principals.Auditor, receipt);
        var byFinance = await system.Api.PostAsync($"tranches/{trancheId}/receipt", Principals.Finance, receipt);
        var confirmed = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"), receipt);
        var again = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"), receipt);
        var voidAfter = await system.Api.PostAsync($"tranches/{trancheId}/void", Principals.Finance, new { reason = "wrong account" });
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.Forbidden, byOther.Status);
        Assert.Equal("not-kassier-of-tranche", (string?)byOther.Json["type"]);
        Assert.Equal(HttpStatusCode.Forbidden, byAuditor.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byFinance.Status);
        Assert.True(confirmed.Status == HttpStatusCode.OK, confirmed.ToString());
        Assert.Equal("received", (string?)confirmed.Json["status"]);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("tranche-already-confirmed", (string?)again.Json["type"]);
        Assert.Equal(HttpStatusCode.Conflict, voidAfter.Status);
        Assert.Equal("tranche-not-voidable", (string?)voidAfter.Json["type"]);
        var journal = await JournalAsync(system, "achterhoek");
        Assert.Equal(1, Count(journal, "TrancheReceived"));
        Assert.Equal(0, Count(journal, "TrancheVoided"));
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task A_short_receipt_is_a_discrepancy_resolved_by_a_supplementary_tranche_that_is_received_in_turn()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);

        var shortReceipt = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "341000.00", bankReference = "NL-BZK-2025-0002" });
        var open = await system.Api.GetAsync($"tranches?programmeId={NpvrProgramme.ProgrammeId}&status=discrepancy", Principals.Auditor);
        var resolved = await system.Api.PostAsync($"tranches/{trancheId}/discrepancy/resolution", Principals.Finance, new { reason = "bank fee withheld", action = "supplement" });
        await system.IdleAsync();

        Assert.Equal("discrepancy", (string?)shortReceipt.Json["status"]);
        Assert.Equal("341322.31", (string?)shortReceipt.Json["discrepancy"]!["expected"]);
        Assert.Equal("341000.00", (string?)shortReceipt.Json["discrepancy"]!["received"]);
        Assert.Equal(trancheId, (string?)Assert.Single((JArray)open.Json["items"]!)["trancheId"]);
        Assert.True(resolved.Status == HttpStatusCode.OK, resolved.ToString());
        var supplementId = (string)resolved.Json["discrepancy"]!["supplementaryTrancheId"]!;
        var supplement = await system.Api.GetAsync($"tranches/{supplementId}", KassierOf("achterhoek"));
        Assert.Equal("322.31", (string?)supplement.Json["amount"]);
        Assert.Equal("supplementary", (string?)supplement.Json["kind"]);
        var received = await system.Api.PostAsync($"tranches/{supplementId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "322.31", bankReference = "NL-BZK-2025-0003" });
        await system.IdleAsync();
        Assert.Equal("received", (string?)received.Json["status"]);
        var journal = await JournalAsync(system, "achterhoek");
        Assert.Equal(1, Count(journal, "TrancheDiscrepancyRaised"));
        Assert.Equal(1, Count(journal, "TrancheDiscrepancyResolved"));
        Assert.Equal(2, Count(journal, "TrancheIssued"));
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task A_void_releases_the_freeze_so_the_estimate_may_change_and_the_year_is_issued_again_as_sequence_2()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);

        var voided = await system.Api.PostAsync($"tranches/{trancheId}/void", Principals.Finance, new { reason = "estimate was wrong" });
        await system.IdleAsync();
        var afterVoid = (await system.Api.GetAsync($"{NpvrProgramme.Programme}/allocations?year=2025", Principals.Auditor)).Json["items"]!
            .Single(a => (string?)a["regionId"] == "achterhoek");
        Assert.Equal("determined", (string?)afterVoid["status"]);
        Assert.Equal(1, Count(await JournalAsync(system, "achterhoek"), "AllocationReleased"));
        var reestimated = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), KassierOf("achterhoek"), new { compensableVat = "0.00" });
        await system.IdleAsync();
        await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await system.IdleAsync();

        Assert.Equal("voided", (string?)voided.Json["status"]);
        Assert.True(reestimated.Status == HttpStatusCode.OK, reestimated.ToString());
        var tranches = await TranchesAsync(system, 2025);
        var second = tranches.Single(t => (int)t["sequence"]! == 2);
        Assert.Equal("350000.00", (string?)second["amount"]);
        Assert.Equal("issued", (string?)second["status"]);
        Assert.Equal("voided", (string?)tranches.Single(t => (int)t["sequence"]! == 1)["status"]);
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task A_kassier_replaced_after_issue_still_confirms_the_tranche_paid_to_them_and_the_new_kassier_cannot()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);
        var replaced = await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, new { organisationCode = "GM0197", organisationName = "Gemeente Aalten", effectiveFrom = Today() });
        await system.IdleAsync();
        var receipt = new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-0004" };

        var byNew = await system.Api.PostAsync($"tranches/{trancheId}/receipt", Principals.Kassier("GM0197"), receipt);
        var byOld = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"), receipt);

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byNew.Status);
        Assert.Equal(HttpStatusCode.OK, byOld.Status);
        Assert.Equal("received", (string?)byOld.Json["status"]);
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadReceipts() => new()
    {
        { "receipt", new { receivedOn = "2025-13-01", amount = "341322.31", bankReference = "x" }, HttpStatusCode.BadRequest, "malformed-body" },
        { "receipt", new { receivedOn = "2999-01-01", amount = "341322.31", bankReference = "x" }, HttpStatusCode.BadRequest, "received-on-invalid" },
        { "receipt", new { receivedOn = "2025-01-01", amount = "341322.31", bankReference = "x" }, HttpStatusCode.BadRequest, "received-on-invalid" },
        { "receipt", new { receivedOn = Today(), amount = "341322.3", bankReference = "x" }, HttpStatusCode.BadRequest, "malformed-body" },
        { "receipt", new { receivedOn = Today(), amount = 341322.31, bankReference = "x" }, HttpStatusCode.BadRequest, "malformed-body" },
        { "receipt", new { receivedOn = Today(), amount = "0.00", bankReference = "x" }, HttpStatusCode.BadRequest, "amount-invalid" },
        { "receipt", new { receivedOn = Today(), amount = "341322.31" }, HttpStatusCode.BadRequest, "bank-reference-invalid" },
        { "discrepancy/resolution", new { reason = "x", action = "forgive" }, HttpStatusCode.BadRequest, "action-invalid" },
        { "void", new { reason = "" }, HttpStatusCode.BadRequest, "reason-invalid" },
    };

    [Theory]
    [MemberData(nameof(BadReceipts))]
    public async Task Bad_input_is_a_4xx_problem_and_changes_nothing(string action, object body, HttpStatusCode status, string type)
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);
        var principal = action == "receipt" ? KassierOf("achterhoek") : Principals.Finance;

        var refused = await system.Api.PostAsync($"tranches/{trancheId}/{action}", principal, body);
        var unknown = await system.Api.PostAsync($"tranches/{NpvrProgramme.ProgrammeId}.2025.achterhoek.7/{action}", principal, body);
        var nonsense = await system.Api.GetAsync("tranches/not-a-tranche", Principals.Finance);
        await system.IdleAsync();

        Assert.True(refused.Status == status, refused.ToString());
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Equal(type, (string?)refused.Json["type"]);
        Assert.True(unknown.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, unknown.ToString());
        Assert.Equal(HttpStatusCode.NotFound, nonsense.Status);
        var tranche = await system.Api.GetAsync($"tranches/{trancheId}", Principals.Finance);
        Assert.Equal("issued", (string?)tranche.Json["status"]);
        var journal = await JournalAsync(system, "achterhoek");
        Assert.Equal(0, Count(journal, "TrancheReceived") + Count(journal, "TrancheDiscrepancyRaised") + Count(journal, "TrancheVoided"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_receipt_or_void_sent_as_anything_but_JSON_is_415_and_changes_nothing(string contentType)
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var trancheId = await IssueAchterhoekAsync(system);

        var receipt = await system.Api.SendAsync(HttpMethod.Post, $"tranches/{trancheId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-0005" }, contentType: contentType);
        var voided = await system.Api.SendAsync(HttpMethod.Post, $"tranches/{trancheId}/void", Principals.Finance, new { reason = "x" }, contentType: contentType);
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, receipt.Status);
        Assert.Equal("application/problem+json", receipt.MediaType);
        Assert.Equal("unsupported-media-type", (string?)receipt.Json["type"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, voided.Status);
        Assert.Equal("issued", (string?)(await system.Api.GetAsync($"tranches/{trancheId}", Principals.Finance)).Json["status"]);
    }

    [Fact]
    public async Task Lists_show_a_kassier_only_their_own_tranches_and_a_single_other_tranche_is_403()
    {
        await using var system = await ReadyAsync(["achterhoek", "twente"]);
        await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await system.IdleAsync();

        var own = await TranchesAsync(system, 2025, KassierOf("achterhoek"));
        var all = await TranchesAsync(system, 2025, Principals.Auditor);
        var twente = all.Single(t => (string?)t["regionId"] == "twente");
        var other = await system.Api.GetAsync($"tranches/{twente["trancheId"]}", KassierOf("achterhoek"));
        var byCoordinator = await system.Api.GetAsync("tranches", Principals.Coordinator);

        Assert.Equal("achterhoek", (string?)Assert.Single(own)["regionId"]);
        Assert.Equal(2, all.Count);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.Status);
    }

    private static async Task<string> IssueAchterhoekAsync(TestSystem system)
    {
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        await system.IdleAsync();
        var tranche = (await TranchesAsync(system, 2025)).Single(t => (string?)t["regionId"] == "achterhoek");
        return (string)tranche["trancheId"]!;
    }

    private static string Today() => Npvr.Funding.Domain.Spending.BusinessDate.InAmsterdam(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
