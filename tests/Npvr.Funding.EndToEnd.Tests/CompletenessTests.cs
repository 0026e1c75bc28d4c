using System.Net;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Storage;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 12 point 7 end to end: every app announces the events it published per region (AnnouncePublications), the
/// journal keeps the announcements, and GET /audit/regions/{regionId}/completeness names the announced events the
/// journal lacks.
/// </summary>
public sealed class CompletenessTests
{
    private const string Completeness = "audit/regions/achterhoek/completeness";
    private const string Announcer = AnnouncePublicationsFunction.FunctionName;

    [Fact]
    public async Task After_the_Achterhoek_story_every_event_each_app_announced_is_in_the_journal()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        Assert.Equal(HttpStatusCode.Accepted, issued.Status);
        await system.IdleAsync();
        await RecordAsync(system, "achterhoek", Entry(NpvrProgramme.ProgrammeId, "2025-06-01"));
        await system.IdleAsync();

        var before = await CompletenessAsync(system);
        await AnnounceAllAsync(system);
        var report = await CompletenessAsync(system);

        Assert.All(Apps(before), a => Assert.Equal(0, (int)a["announced"]!));
        Assert.True((bool)report["complete"]!, report.ToString());
        Assert.Equal(EventProducers.Apps, Apps(report).Select(a => (string)a["app"]!));
        foreach (var app in Apps(report))
        {
            // Every event of the app in this journal was announced, and every announced one is in it.
            Assert.True((int)app["announced"]! > 0, app.ToString());
            Assert.Equal((int)app["journaled"]!, (int)app["announced"]!);
            Assert.Equal((0, 0, 1, 1), ((int)app["unannounced"]!, (int)app["missingCount"]!, (int)app["announcements"]!, (int)app["lastSequence"]!));
            Assert.Equal((int)app["announced"]!, (int)app["reportedTotal"]!);
        }
        // The announcements are journal entries like any event (served within the contract), and the chain still verifies.
        var announcements = (await WholeJournalAsync(system, "achterhoek")).Select(e => (JObject)e["entry"]!)
            .Where(e => (string?)e["type"] == EventTypes.PublicationsAnnounced).ToList();
        Assert.Equal(EventProducers.Apps.Order(), announcements.Select(e => (string)e["data"]!["app"]!).Order());
        Assert.True((bool)(await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json["valid"]!);
    }

    [Fact]
    public async Task An_event_marked_published_that_never_reached_the_journal_is_named_and_announcing_again_repeats_nothing()
    {
        await using var system = await TestSystem.StartAsync();
        await AuditWorld.DesignateEachYearAsync(system, "achterhoek");
        // As if the broker had accepted the message and lost it: the row is marked published, nothing was ever sent.
        var lost = EventEnvelope.Create(EventTypes.KassierDesignated, new { regionId = "achterhoek" }, DateTimeOffset.UtcNow, "achterhoek", null, "lost", null, Actor.System);
        var row = OutboxRows.ToEntity("planted", OutboxMessage.Event(lost));
        row[OutboxRows.PublishedProperty] = true;
        await system.Table("Designations").AddEntityAsync(row);

        await AnnounceAllAsync(system);
        var report = await CompletenessAsync(system);
        await AnnounceAllAsync(system);
        var again = await CompletenessAsync(system);

        Assert.False((bool)report["complete"]!, report.ToString());
        var registration = App(report, EventProducers.Registration);
        Assert.Equal([lost.EventId], registration["missing"]!.Select(id => (string)id!));
        Assert.Equal((4, 3, 1), ((int)registration["announced"]!, (int)registration["journaled"]!, (int)registration["missingCount"]!));
        Assert.All(Apps(report).Where(a => (string)a["app"]! != EventProducers.Registration), a => Assert.Empty(a["missing"]!));
        // The second run found nothing left to announce (announcements are never announced themselves).
        Assert.Equal(report.ToString(), again.ToString());
        Assert.Equal(1, (int)App(again, EventProducers.Registration)["announcements"]!);
    }

    [Fact]
    public async Task Events_announced_again_after_a_crash_before_the_mark_still_compare_complete()
    {
        await using var system = await TestSystem.StartAsync();
        await AuditWorld.DesignateEachYearAsync(system, "achterhoek");
        await AnnounceAllAsync(system);
        // The crash: the announcement was published, the rows were never marked announced.
        var designations = system.Table("Designations");
        var announced = designations.Query<TableEntity>(TableClient.CreateQueryFilter($"Announced eq {true}")).ToList();
        foreach (var row in announced)
            await designations.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { [OutboxRows.AnnouncedProperty] = false }, row.ETag);

        await AnnounceAllAsync(system);
        var report = await CompletenessAsync(system);

        Assert.True((bool)report["complete"]!, report.ToString());
        var registration = App(report, EventProducers.Registration);
        Assert.NotEmpty(announced);
        Assert.Equal((announced.Count, 2, 2, 2 * announced.Count),
            ((int)registration["announced"]!, (int)registration["announcements"]!, (int)registration["lastSequence"]!, (int)registration["reportedTotal"]!));
    }

    [Fact]
    public async Task A_journal_larger_than_the_check_compares_is_refused_by_name_not_cut_short()
    {
        await using var system = await TestSystem.StartAsync(appSettings: new Dictionary<string, string?> { ["Audit:CompletenessMaxEntries"] = "2" });
        await AuditWorld.DesignateEachYearAsync(system, "achterhoek");

        var response = await system.Api.GetAsync(Completeness, Principals.Auditor);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("journal-too-large", (string?)response.Json["type"]);
        Assert.Contains("3 entries", (string?)response.Json["detail"], StringComparison.Ordinal);
    }

    /// <summary>Fires every app's announcer, as its timer would, and waits for the announcements to be journaled.</summary>
    private static async Task AnnounceAllAsync(TestSystem system)
    {
        foreach (var app in EventProducers.Apps)
        {
            var run = await system.Host.RunFunctionAsync(Announcer, app);
            Assert.True(run.Succeeded, run.FailureDescription);
        }
        await system.IdleAsync();
    }

    private static async Task<JObject> CompletenessAsync(TestSystem system)
    {
        var response = await system.Api.GetAsync(Completeness, Principals.Auditor);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json;
    }

    private static IEnumerable<JObject> Apps(JObject report) => report["apps"]!.OfType<JObject>();

    private static JObject App(JObject report, string app) => Apps(report).Single(a => (string)a["app"]! == app);
}
