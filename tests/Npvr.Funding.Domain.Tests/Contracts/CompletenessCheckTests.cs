using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>Issue 12 point 7: the pure comparison of what apps announced with what a region's journal holds.</summary>
public sealed class CompletenessCheckTests
{
    private const string Region = "achterhoek";
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static JournaledEvent Event(string id, string type) => new(id, type);

    private static JournaledEvent Announcement(string app, long sequence, long total, params string[] ids) =>
        new("ann-" + app + sequence, EventTypes.PublicationsAnnounced, new PublicationsAnnounced(app, Region, sequence, ids, total, At));

    private static CompletenessReport Check(params JournaledEvent[] journal)
    {
        var check = new CompletenessCheck();
        foreach (var entry in journal) check.Accept(entry);
        return check.Report();
    }

    private static AppCompleteness App(CompletenessReport report, string app) => report.Apps.Single(a => a.App == app);

    [Fact]
    public void Every_announced_event_journaled_is_complete_and_each_app_is_counted_apart()
    {
        var report = Check(
            Event("d1", EventTypes.KassierDesignated),
            Event("t1", EventTypes.TrancheIssued),
            Event("t2", EventTypes.TrancheReceived),
            Announcement(EventProducers.Registration, 1, 1, "d1"),
            Announcement(EventProducers.Disbursement, 1, 2, "t1", "t2"));

        Assert.True(report.Complete);
        Assert.Equal(5, report.JournalSize);
        Assert.Equal(EventProducers.Apps, report.Apps.Select(a => a.App));
        var disbursement = App(report, EventProducers.Disbursement);
        Assert.Equal((2, 2, 0, 1, 2L), (disbursement.Announced, disbursement.Journaled, disbursement.MissingCount, disbursement.Announcements, disbursement.ReportedTotal));
        Assert.Equal(0, App(report, EventProducers.Allocation).Announced);
    }

    [Fact]
    public void An_announced_event_the_journal_lacks_is_named_and_only_under_its_app()
    {
        var report = Check(
            Event("t1", EventTypes.TrancheIssued),
            Announcement(EventProducers.Disbursement, 1, 3, "t1", "lost", "t3"),
            Event("t3", EventTypes.TrancheVoided),
            Announcement(EventProducers.Spending, 1, 0));

        Assert.False(report.Complete);
        var disbursement = App(report, EventProducers.Disbursement);
        Assert.Equal(["lost"], disbursement.Missing);
        Assert.Equal(1, disbursement.MissingCount);
        Assert.All(report.Apps.Where(a => a.App != EventProducers.Disbursement), a => Assert.Empty(a.Missing));
    }

    [Fact]
    public void An_announcement_repeated_after_a_crash_changes_nothing_but_the_running_total()
    {
        var report = Check(
            Event("s1", EventTypes.SpendingRecorded),
            Announcement(EventProducers.Spending, 1, 1, "s1"),
            Announcement(EventProducers.Spending, 2, 2, "s1"));

        Assert.True(report.Complete);
        var spending = App(report, EventProducers.Spending);
        Assert.Equal((1, 1, 2, 2L, 2L), (spending.Announced, spending.Journaled, spending.Announcements, spending.LastSequence, spending.ReportedTotal));
    }

    [Fact]
    public void An_announcement_that_never_reached_the_journal_shows_as_a_lost_sequence()
    {
        var report = Check(
            Event("a1", EventTypes.AllocationDetermined),
            Announcement(EventProducers.Allocation, 1, 1, "a1"),
            Announcement(EventProducers.Allocation, 4, 4));

        Assert.False(report.Complete);
        var allocation = App(report, EventProducers.Allocation);
        Assert.Equal([2L, 3L], allocation.LostAnnouncements);
        Assert.Equal(2, allocation.LostAnnouncementCount);
        Assert.Equal(0, allocation.MissingCount);
    }

    [Fact]
    public void Events_not_announced_yet_are_counted_and_do_not_make_the_journal_incomplete()
    {
        var report = Check(
            Event("d1", EventTypes.KassierDesignated),
            Event("d2", EventTypes.KassierDesignationWithdrawn),
            Announcement(EventProducers.Registration, 1, 1, "d1"),
            Event("x1", "SomethingNewer"));

        Assert.True(report.Complete);
        var registration = App(report, EventProducers.Registration);
        Assert.Equal((1, 2, 1L), (registration.Announced, registration.Journaled, registration.Unannounced));
        Assert.Equal(1, report.Unattributed);
    }

    [Fact]
    public void An_unreadable_announcement_is_not_evidence_of_completeness()
    {
        var envelope = JObject.FromObject(new { eventId = "bad", type = EventTypes.PublicationsAnnounced, data = new { app = 7, eventIds = "not a list" } });

        var entry = JournaledEvent.FromEnvelope(envelope);
        var report = Check(entry);

        Assert.True(entry.Unreadable);
        Assert.False(report.Complete);
        Assert.Equal(1, report.UnreadableAnnouncements);
    }

    [Fact]
    public void An_announcement_reads_back_from_the_envelope_the_journal_keeps()
    {
        var data = new PublicationsAnnounced(EventProducers.Allocation, Region, 3, ["e1", "e2"], 7, At);
        var envelope = EventEnvelope.Create(EventTypes.PublicationsAnnounced, data, At, Region, null, "c", null, Actor.System);
        var kept = (JObject)FundingJson.Parse(JsonCanonicalization.Canonicalize(FundingJson.Serialize(envelope)));

        var entry = JournaledEvent.FromEnvelope(kept);

        Assert.Equal(envelope.EventId, entry.EventId);
        Assert.Equal(EventTypes.PublicationsAnnounced, entry.Type);
        Assert.Equal(data.EventIds, entry.Announcement!.EventIds);
        Assert.Equal((data.App, data.Sequence, data.AnnouncedTotal), (entry.Announcement.App, entry.Announcement.Sequence, entry.Announcement.AnnouncedTotal));
    }

    [Fact]
    public void Every_event_type_but_the_announcement_names_the_app_that_publishes_it()
    {
        var types = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        var unnamed = types.Where(t => t != EventTypes.PublicationsAnnounced && EventProducers.Of(t) is null).ToList();

        Assert.True(types.Count > 10, "EventTypes lists the types");
        Assert.True(unnamed.Count == 0, $"No producer in EventProducers for: {string.Join(", ", unnamed)}");
        Assert.Null(EventProducers.Of(EventTypes.PublicationsAnnounced));
    }

    private static readonly Gen<(HashSet<int> Announced, HashSet<int> Journaled)> Sets =
        Gen.Choose(0, 40).ListOf().Select(a => a.ToHashSet()).SelectMany(_ => Gen.Choose(0, 40).ListOf().Select(j => j.ToHashSet()), (a, j) => (a, j));

    [Property(MaxTest = 200)]
    public Property Missing_is_exactly_the_announced_ids_the_journal_lacks_however_they_are_split_into_announcements() =>
        Prop.ForAll(Arb.From(Sets), sets =>
        {
            var journal = sets.Journaled.Select(i => Event("e" + i, EventTypes.TrancheIssued)).ToList();
            // Announced in chunks of 3, each chunk twice (a repeat after a crash), interleaved with the events.
            var chunks = sets.Announced.Select(i => "e" + i).Chunk(3).ToList();
            var sequence = 0L;
            foreach (var chunk in chunks.Concat(chunks)) journal.Insert((int)(sequence * 7 % (journal.Count + 1)), Announcement(EventProducers.Disbursement, ++sequence, sequence, chunk));

            var app = App(Check([.. journal]), EventProducers.Disbursement);

            var expected = sets.Announced.Except(sets.Journaled).Select(i => "e" + i).Order(StringComparer.Ordinal);
            return app.Missing.SequenceEqual(expected) && app.Announced == sets.Announced.Count && app.LostAnnouncementCount == 0;
        });
}
