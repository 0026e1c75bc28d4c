using System.Net;
using Azure.Data.Tables;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Publish, then mark (design.md section 4): an event is marked published only after Service Bus accepted it, so a
/// topic that refuses sends for as long as it likes loses nothing; the sweep publishes every event once it recovers.
/// </summary>
public sealed class PublishThenMarkTests
{
    private const string JournalSubscription = "funding-events/Subscriptions/spending-journal";

    [Fact]
    public async Task Events_refused_by_funding_events_for_longer_than_redeliveries_would_last_all_arrive_once_it_recovers()
    {
        await using var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition())).Status);
        await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();
        system.Host.Broker.Faults.RefuseSends("funding-events");

        var designated = await system.Api.PutAsync("regions/twente/kassier", Principals.Coordinator,
            new { organisationCode = "GM0153", organisationName = "Gemeente Enschede", effectiveFrom = "2025-01-20" });
        var estimates = new List<ApiResponse>();
        foreach (var year in new[] { 2025, 2026, 2027 })
            estimates.Add(await system.Api.PutAsync(NpvrProgramme.Estimate(year, "achterhoek"), Principals.Finance, new { compensableVat = "8677.69" }));
        // Far more sweeps than MaxDeliveryCount (10) redeliveries: nothing may give up while the topic refuses.
        for (var sweep = 0; sweep < 12; sweep++)
        {
            await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
            await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Allocation");
        }

        Assert.Equal(HttpStatusCode.OK, designated.Status);
        Assert.All(estimates, e => Assert.Equal(HttpStatusCode.OK, e.Status));
        Assert.True(system.Host.Broker.Faults.RefusedSends("funding-events") >= 4 * 13, "the topic never refused a send");
        Assert.Equal(4, await UnpublishedAsync(system));

        system.Host.Broker.Faults.Clear("funding-events");
        await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
        await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Allocation");
        await system.IdleAsync();

        Assert.Equal(0, await UnpublishedAsync(system));
        var achterhoek = (await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!;
        var twente = (await system.Api.GetAsync("audit/regions/twente/journal", Principals.Auditor)).Json["items"]!;
        Assert.Equal(3, achterhoek.Count(e => (string?)e["entry"]!["type"] == "AllocationDetermined"));
        Assert.Equal(1, twente.Count(e => (string?)e["entry"]!["type"] == "KassierDesignated"));
        var eventIds = achterhoek.Concat(twente).Select(e => (string)e["entry"]!["eventId"]!).ToList();
        Assert.Equal(eventIds.Count, eventIds.Distinct().Count());
        Assert.True((bool)(await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json["valid"]!);
        Assert.Empty(system.Host.Broker.DeadLetters(JournalSubscription));
        // Allocation applied the designation that waited in Registration's outbox: Enschede may now estimate for Twente.
        var byEnschede = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "twente"), Principals.Kassier("GM0153"), new { compensableVat = "0.00" });
        Assert.Equal(HttpStatusCode.OK, byEnschede.Status);
    }

    private static async Task<int> UnpublishedAsync(TestSystem system)
    {
        var count = 0;
        foreach (var table in new[] { "Designations", "Allocation" })
        {
            await foreach (var _ in system.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Published eq {false}"), select: ["RowKey"]))
                count++;
        }
        return count;
    }
}
