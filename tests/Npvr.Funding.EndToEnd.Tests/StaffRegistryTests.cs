using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 11, point 13: a kassier acts for a region only as active staff (Entra object id + tenant id) of the region's
/// kassier organisation, kept by Registration and projected by the apps; an organisation claim grants nothing.
/// </summary>
public sealed class StaffRegistryTests
{
    private static readonly Guid Newcomer = Guid.Parse("2b7e1516-28ae-4d2a-a6f7-15883e0c4f3c");

    [Fact]
    public async Task A_staff_member_added_for_GM0222_acts_for_the_achterhoek_and_once_withdrawn_cannot()
    {
        await using var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem())).Status);
        var programmeId = await ProgrammeAsync(system, ["achterhoek"]);
        var newcomer = Principals.Encode("newcomer@doetinchem.nl", ["Funding.Kassier"], Newcomer);
        Assert.Equal("not-kassier-of-region", (string?)(await RecordAsync(system, newcomer, programmeId, HttpStatusCode.Forbidden))["type"]);

        var added = await system.Api.PutAsync($"organisations/GM0222/staff/{Newcomer:D}", Principals.Coordinator,
            new { tenantId = Principals.Tenant.ToString("D"), displayName = "Nieuwe Medewerker" });
        Assert.True(added.Status == HttpStatusCode.OK, added.ToString());
        Assert.Equal((true, 1), ((bool)added.Json["active"]!, (int)added.Json["version"]!));
        await system.IdleAsync();
        await RecordAsync(system, newcomer, programmeId, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await system.Api.GetAsync($"{SpendingPath("achterhoek")}?programmeId={programmeId}", newcomer)).Status);

        var withdrawn = await system.Api.PostAsync($"organisations/GM0222/staff/{Newcomer:D}/withdrawal", Principals.Coordinator, new { reason = "Left the finance team" });
        Assert.True(withdrawn.Status == HttpStatusCode.OK, withdrawn.ToString());
        await system.IdleAsync();
        Assert.Equal("not-kassier-of-region", (string?)(await RecordAsync(system, newcomer, programmeId, HttpStatusCode.Forbidden))["type"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync($"{SpendingPath("achterhoek")}?programmeId={programmeId}", newcomer)).Status);

        var staff = await system.Api.GetAsync("organisations/GM0222/staff", Principals.Auditor);
        var member = staff.Json["items"]!.OfType<JObject>().Single(m => (string?)m["objectId"] == Newcomer.ToString("D"));
        Assert.Equal((false, 2, "Left the finance team"), ((bool)member["active"]!, (int)member["version"]!, (string?)member["withdrawalReason"]));
    }

    [Fact]
    public async Task A_forged_organisation_claim_grants_nothing_and_staff_of_another_organisation_is_refused()
    {
        await using var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem())).Status);
        var programmeId = await ProgrammeAsync(system, ["achterhoek"]);
        var forger = Principals.Encode("forger@example.nl", ["Funding.Kassier"], Guid.NewGuid(), organisationClaim: "GM0222");
        var claimOnly = Principals.Encode("claim-only@example.nl", ["Funding.Kassier"], organisationClaim: "GM0222");

        Assert.Equal("not-kassier-of-region", (string?)(await RecordAsync(system, forger, programmeId, HttpStatusCode.Forbidden))["type"]);
        Assert.Equal("not-kassier-of-region", (string?)(await RecordAsync(system, claimOnly, programmeId, HttpStatusCode.Forbidden))["type"]);
        Assert.Equal("not-kassier-of-region", (string?)(await RecordAsync(system, Principals.Kassier("GM0153"), programmeId, HttpStatusCode.Forbidden))["type"]);
        await RecordAsync(system, Principals.Kassier("GM0222"), programmeId, HttpStatusCode.Created);
        Assert.Single((await ListAsync(system, "achterhoek", $"programmeId={programmeId}")));
    }

    [Fact]
    public async Task Only_a_coordinator_manages_staff_and_bad_ids_are_refused_with_nothing_written()
    {
        await using var system = await TestSystem.StartAsync(kassierStaff: false);
        var body = new { tenantId = Principals.Tenant.ToString("D"), displayName = "Iemand" };

        foreach (var principal in new[] { Principals.Finance, Principals.Auditor, Principals.Kassier("GM0222") })
            Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.PutAsync($"organisations/GM0222/staff/{Newcomer:D}", principal, body)).Status);
        Assert.Equal("object-id-invalid", (string?)(await system.Api.PutAsync("organisations/GM0222/staff/not-a-guid", Principals.Coordinator, body)).Json["type"]);
        Assert.Equal("organisation-code-invalid", (string?)(await system.Api.PutAsync($"organisations/GM222/staff/{Newcomer:D}", Principals.Coordinator, body)).Json["type"]);
        Assert.Equal("tenant-id-invalid", (string?)(await system.Api.PutAsync($"organisations/GM0222/staff/{Newcomer:D}", Principals.Coordinator,
            new { tenantId = "x", displayName = "Iemand" })).Json["type"]);
        Assert.Equal("staff-not-found", (string?)(await system.Api.PostAsync($"organisations/GM0222/staff/{Newcomer:D}/withdrawal", Principals.Coordinator,
            new { reason = "never added" })).Json["type"]);

        Assert.Empty((await system.Api.GetAsync("organisations/GM0222/staff", Principals.Coordinator)).Json["items"]!);
    }

    private static async Task<JObject> RecordAsync(TestSystem system, string principal, string programmeId, HttpStatusCode expected)
    {
        var answer = await system.Api.PostAsync(SpendingPath("achterhoek"), principal, Entry(programmeId).ToString());
        Assert.True(answer.Status == expected, answer.ToString());
        return answer.Json;
    }
}
