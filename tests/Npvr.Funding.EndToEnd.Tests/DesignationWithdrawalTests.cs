using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.LocalHost.Broker;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>Issue 11, point 10: a coordinator withdraws a designation that has not taken effect yet (recorded, never deleted).</summary>
public sealed class DesignationWithdrawalTests
{
    private const string Kassier = "regions/achterhoek/kassier";
    private const string Withdrawal = "regions/achterhoek/kassier/withdrawal";
    private const string Journal = "audit/regions/achterhoek/journal";
    private const string Reason = "Typed a year too far: the region named Aalten.";

    private static DateOnly Today => Domain.Spending.BusinessDate.InAmsterdam(DateTimeOffset.UtcNow);

    /// <summary>Within the two years ahead a designation may be made, and beyond <see cref="Intended"/>.</summary>
    private static string Typo => Text(Today.AddYears(1).AddDays(30));

    private static string Intended => Text(Today.AddDays(60));

    [Fact]
    public async Task A_designation_made_by_mistake_is_withdrawn_and_then_one_dated_before_it_is_accepted()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateAsync(system, Requests.Doetinchem("2025-01-15"));
        var typo = await DesignateAsync(system, Requests.Gelderland(Typo));
        var blocked = await system.Api.PutAsync(Kassier, Principals.Coordinator, Aalten(Intended));

        var withdrawn = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, new { effectiveFrom = Typo, reason = Reason });
        var aalten = await system.Api.PutAsync(Kassier, Principals.Coordinator, Aalten(Intended));
        await system.IdleAsync();

        Assert.Equal("effective-from-before-current", (string?)blocked.Json["type"]);
        Assert.True(withdrawn.Status == HttpStatusCode.OK, withdrawn.ToString());
        Assert.Equal("PV25", (string?)withdrawn.Json["organisationCode"]);
        Assert.Equal(Typo, (string?)withdrawn.Json["effectiveFrom"]);
        Assert.Equal((string?)typo["designatedAt"], (string?)withdrawn.Json["designatedAt"]);
        Assert.Equal(Reason, (string?)withdrawn.Json["reason"]);
        Assert.Equal("coordinator@minbzk.nl", (string?)withdrawn.Json["withdrawnBy"]);
        Assert.True(aalten.Status == HttpStatusCode.OK, aalten.ToString());

        var kassier = (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json;
        var history = kassier["history"]!;
        Assert.Equal(["GM0222", "PV25", "GM0197"], history.Select(h => (string)h["organisationCode"]!));
        Assert.Equal(JTokenType.Null, history[0]!["withdrawn"]!.Type);
        Assert.Equal(JTokenType.Null, history[2]!["withdrawn"]!.Type);
        Assert.Equal(Reason, (string?)history[1]!["withdrawn"]!["reason"]);
        Assert.Equal("coordinator@minbzk.nl", (string?)history[1]!["withdrawn"]!["by"]);
        Assert.Equal((string?)withdrawn.Json["withdrawnAt"], (string?)history[1]!["withdrawn"]!["at"]);
        Assert.Equal("GM0222", (string?)kassier["current"]!["organisationCode"]);

        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Equal(["KassierDesignated", "KassierDesignated", "KassierDesignationWithdrawn", "KassierDesignated"], journal.Select(e => (string)e["entry"]!["type"]!));
        Assert.Equal(Reason, (string?)journal[2]!["entry"]!["data"]!["reason"]);
        Assert.True((bool)(await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json["valid"]!);
    }

    [Theory]
    [InlineData("today")]
    [InlineData("2025-01-15")]
    public async Task A_designation_in_effect_cannot_be_withdrawn_and_nothing_is_written(string from)
    {
        var effectiveFrom = from == "today" ? Text(Today) : from;
        await using var system = await TestSystem.StartAsync();
        await DesignateAsync(system, Requests.Doetinchem(effectiveFrom));

        var refused = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, new { effectiveFrom, reason = Reason }, idempotencyKey: "withdraw-in-effect");
        await system.IdleAsync();

        Assert.True(refused.Status == HttpStatusCode.Conflict, refused.ToString());
        Assert.Equal("designation-in-effect", (string?)refused.Json["type"]);
        await AssertNotWithdrawnAsync(system, designations: 1);
    }

    [Fact]
    public async Task A_date_still_to_come_without_a_designation_is_not_found()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateAsync(system, Requests.Doetinchem("2025-01-15"));

        var refused = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, new { effectiveFrom = Intended, reason = Reason });
        await system.IdleAsync();

        Assert.True(refused.Status == HttpStatusCode.NotFound, refused.ToString());
        Assert.Equal("designation-not-found", (string?)refused.Json["type"]);
        await AssertNotWithdrawnAsync(system, designations: 1);
    }

    public static TheoryData<string, string?, string, object, HttpStatusCode, string> Refusals() => new()
    {
        { "no principal", null, Withdrawal, new { effectiveFrom = Typo, reason = Reason }, HttpStatusCode.Unauthorized, "unauthenticated" },
        { "kassier", Principals.Kassier("GM0222"), Withdrawal, new { effectiveFrom = Typo, reason = Reason }, HttpStatusCode.Forbidden, "forbidden-role" },
        { "auditor", Principals.Auditor, Withdrawal, new { effectiveFrom = Typo, reason = Reason }, HttpStatusCode.Forbidden, "forbidden-role" },
        { "finance", Principals.Finance, Withdrawal, new { effectiveFrom = Typo, reason = Reason }, HttpStatusCode.Forbidden, "forbidden-role" },
        { "unknown region", Principals.Coordinator, "regions/randstad/kassier/withdrawal", new { effectiveFrom = Typo, reason = Reason }, HttpStatusCode.NotFound, "region-not-found" },
        { "no reason", Principals.Coordinator, Withdrawal, new { effectiveFrom = Typo }, HttpStatusCode.BadRequest, "reason-invalid" },
        { "reason too long", Principals.Coordinator, Withdrawal, new { effectiveFrom = Typo, reason = new string('x', 501) }, HttpStatusCode.BadRequest, "reason-invalid" },
        { "no date", Principals.Coordinator, Withdrawal, new { reason = Reason }, HttpStatusCode.BadRequest, "effective-from-required" },
        { "date not a date", Principals.Coordinator, Withdrawal, new { effectiveFrom = "01-01-2027", reason = Reason }, HttpStatusCode.BadRequest, "malformed-body" },
        { "no body", Principals.Coordinator, Withdrawal, "", HttpStatusCode.BadRequest, "body-required" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_withdrawal_is_problem_json_and_writes_nothing(string who, string? principal, string path, object body, HttpStatusCode status, string type)
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateAsync(system, Requests.Doetinchem("2025-01-15"));
        await DesignateAsync(system, Requests.Gelderland(Typo));

        var response = await system.Api.PostAsync(path, principal, body);
        await system.IdleAsync();

        Assert.True(status == response.Status, $"{who}: {response}");
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(type, (string?)response.Json["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)response.Json["detail"]));
        await AssertNotWithdrawnAsync(system, designations: 2);
    }

    [Fact]
    public async Task A_crash_after_the_write_answers_500_and_a_retry_with_the_key_gets_the_first_answer_once()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateAsync(system, Requests.Doetinchem("2025-01-15"));
        await DesignateAsync(system, Requests.Gelderland(Typo));
        system.Host.Faults.CrashAfterWriteBeforeReply("WithdrawDesignation");
        var body = new { effectiveFrom = Typo, reason = Reason };

        var crashed = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, body, idempotencyKey: "withdraw-typo");
        var retried = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, body, idempotencyKey: "withdraw-typo");
        var again = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, body, idempotencyKey: "withdraw-typo");
        var otherReason = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, new { effectiveFrom = Typo, reason = "Another reason" }, idempotencyKey: "withdraw-typo");
        var withoutKey = await system.Api.PostAsync(Withdrawal, Principals.Coordinator, body);
        await system.IdleAsync();

        Assert.Equal(0, system.Host.Faults.PendingCrashes("WithdrawDesignation"));
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.Status);
        Assert.True(retried.Status == HttpStatusCode.OK, retried.ToString());
        Assert.Equal(retried.Body, again.Body);
        Assert.Equal("idempotency-key-reused", (string?)otherReason.Json["type"]);
        Assert.Equal("designation-not-found", (string?)withoutKey.Json["type"]);
        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Equal(1, journal.Count(e => (string?)e["entry"]!["type"] == "KassierDesignationWithdrawn"));
        Assert.Equal(Reason, (string?)(await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]![1]!["withdrawn"]!["reason"]);
    }

    /// <summary>
    /// Only a designation still to come can be withdrawn, so the other apps can show a withdrawal today only for one
    /// made yesterday for today and withdrawn yesterday: those two events are sent as Registration sent them then,
    /// in either order (the bus may reorder); the control sends the designation alone.
    /// </summary>
    [Theory]
    [InlineData("withdrawal first", true, true)]
    [InlineData("designation first", false, true)]
    [InlineData("never withdrawn (control)", false, false)]
    public async Task A_withdrawn_designation_is_no_kassier_in_Allocation_Disbursement_and_Spending_whatever_order_the_events_arrive_in(
        string order, bool withdrawalFirst, bool withdrawn)
    {
        await using var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition())).Status);
        await DesignateAsync(system, Requests.Doetinchem("2025-01-15"));
        var (designated, withdrawal) = YesterdaysAalten();

        EventEnvelope[] sent = !withdrawn ? [designated] : withdrawalFirst ? [withdrawal, designated] : [designated, withdrawal];
        foreach (var envelope in sent)
        {
            await system.Host.Broker.SendAsync("funding-events", new BrokerMessage(FundingJson.Serialize(envelope)));
            await system.IdleAsync();
        }

        var (kassier, other) = withdrawn ? ("GM0222", "GM0197") : ("GM0197", "GM0222");
        var byOther = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), Principals.Kassier(other), new { compensableVat = "8677.69" });
        var byKassier = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), Principals.Kassier(kassier), new { compensableVat = "8677.69" });
        var spentByOther = await system.Api.PostAsync(SpendingSetup.SpendingPath("achterhoek"), Principals.Kassier(other), SpendingSetup.Entry(NpvrProgramme.ProgrammeId).ToString());
        await system.IdleAsync();
        var issued = await system.Api.PostAsync(DisbursementWorld.IssuePath(2025), Principals.Finance, new { });
        await system.IdleAsync();

        Assert.True(byOther.Status == HttpStatusCode.Forbidden && (string?)byOther.Json["type"] == "not-kassier-of-region", $"{order}: {byOther}");
        Assert.True(byKassier.Status == HttpStatusCode.OK, $"{order}: {byKassier}");
        Assert.True(spentByOther.Status == HttpStatusCode.Forbidden && (string?)spentByOther.Json["type"] == "not-kassier-of-region", $"{order}: {spentByOther}");
        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        var tranche = Assert.Single(await DisbursementWorld.TranchesAsync(system, 2025));
        Assert.Equal(kassier, (string?)tranche["kassierOrganisationCode"]);
    }

    /// <summary>Aalten designated yesterday for today, and (an hour later) withdrawn: what Registration announced then.</summary>
    private static (EventEnvelope Designated, EventEnvelope Withdrawn) YesterdaysAalten()
    {
        var designatedAt = DateTimeOffset.UtcNow.AddDays(-1);
        var withdrawnAt = designatedAt.AddHours(1);
        var designation = new KassierDesignated("achterhoek", "GM0197", "Gemeente Aalten", "gemeente", Today, null, designatedAt, "coordinator@minbzk.nl");
        var withdrawal = new KassierDesignationWithdrawn("achterhoek", "GM0197", Today, designatedAt, Reason, withdrawnAt, "coordinator@minbzk.nl");
        var coordinator = Actor.Person(Guid.Parse("0c7d5e3f-2a1b-4c9d-8e7f-6a5b4c3d2e1f"), Principals.Tenant, "coordinator@minbzk.nl");
        return (EventEnvelope.Create(EventTypes.KassierDesignated, designation, designatedAt, "achterhoek", null, "c-aalten", null, coordinator),
            EventEnvelope.Create(EventTypes.KassierDesignationWithdrawn, withdrawal, withdrawnAt, "achterhoek", null, "c-aalten-withdrawn", null, coordinator));
    }

    private static async Task<JObject> DesignateAsync(TestSystem system, object request)
    {
        var designated = await system.Api.PutAsync(Kassier, Principals.Coordinator, request);
        Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        await system.IdleAsync();
        return designated.Json;
    }

    private static async Task AssertNotWithdrawnAsync(TestSystem system, int designations)
    {
        var history = (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!;
        Assert.Equal(designations, history.Count());
        Assert.All(history, h => Assert.Equal(JTokenType.Null, h["withdrawn"]!.Type));
        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.All(journal, e => Assert.Equal("KassierDesignated", (string?)e["entry"]!["type"]));
        Assert.Equal(designations, journal.Count());
        var sweep = await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
        Assert.False(sweep.Outputs.ContainsKey("outbox"), "No event may be waiting in the outbox.");
    }

    private static object Aalten(string effectiveFrom) => new { organisationCode = "GM0197", organisationName = "Gemeente Aalten", effectiveFrom };

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
