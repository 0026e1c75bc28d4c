namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// Issue 12 point 7, the comparison: folds a region's journal entry by entry (pure: no storage, no clock) and reports,
/// per app, the events it announced (<see cref="PublicationsAnnounced"/>) against the events the journal holds.
/// Missing = announced and not journaled, by set (a repeated announcement changes nothing). An announcement's
/// sequence numbers run from 1 without gaps per app, so an announcement that never reached the journal shows as a
/// lost sequence (except the app's latest ones: nothing follows them yet).
/// </summary>
public sealed class CompletenessCheck
{
    /// <summary>Lists (missing ids, lost announcements) are cut at this length; their counts are always whole.</summary>
    public const int MaxListed = 1000;

    private readonly HashSet<string> _journaled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppTally> _apps = new(StringComparer.Ordinal);
    private long _unattributed;
    private long _unreadableAnnouncements;

    public CompletenessCheck()
    {
        foreach (var app in EventProducers.Apps) _apps[app] = new AppTally();
    }

    /// <summary>Entries folded so far.</summary>
    public long Entries { get; private set; }

    public void Accept(JournaledEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Entries++;
        _journaled.Add(entry.EventId);
        if (entry.Unreadable) _unreadableAnnouncements++;
        else if (entry.Announcement is { } announcement) Tally(announcement.App).Accept(announcement);
        else if (EventProducers.Of(entry.Type) is { } app) Tally(app).Journaled.Add(entry.EventId);
        else _unattributed++;
    }

    public CompletenessReport Report()
    {
        var apps = _apps.Select(a => a.Value.Report(a.Key, _journaled)).ToList();
        var complete = _unreadableAnnouncements == 0 && apps.All(a => a.MissingCount == 0 && a.LostAnnouncementCount == 0);
        return new CompletenessReport(Entries, apps, _unattributed, _unreadableAnnouncements, complete);
    }

    private AppTally Tally(string app)
    {
        if (!_apps.TryGetValue(app, out var tally)) _apps[app] = tally = new AppTally();
        return tally;
    }

    private sealed class AppTally
    {
        public HashSet<string> Announced { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Journaled { get; } = new(StringComparer.Ordinal);
        private readonly HashSet<long> _sequences = [];
        private long _reportedTotal;

        public void Accept(PublicationsAnnounced announcement)
        {
            // Bounded by the journal's size: an announcement carries at most MaxEventIds ids, checked where it is made.
            foreach (var id in announcement.EventIds) Announced.Add(id);
            _sequences.Add(announcement.Sequence);
            _reportedTotal = Math.Max(_reportedTotal, announcement.AnnouncedTotal);
        }

        public AppCompleteness Report(string app, HashSet<string> journal)
        {
            var missing = Announced.Where(id => !journal.Contains(id)).Order(StringComparer.Ordinal).ToList();
            var lastSequence = _sequences.Count == 0 ? 0 : _sequences.Max();
            var lost = new List<long>();
            // At most MaxListed + the sequences seen iterations, however large a (forged) last sequence is.
            for (var s = 1L; s <= lastSequence && lost.Count < MaxListed; s++)
                if (!_sequences.Contains(s)) lost.Add(s);
            var lostCount = lastSequence - _sequences.Count(s => s >= 1 && s <= lastSequence);
            return new AppCompleteness(app, Announced.Count, Journaled.Count, Journaled.Count(id => !Announced.Contains(id)),
                _sequences.Count, lastSequence, _reportedTotal, missing.Count, [.. missing.Take(MaxListed)], lostCount, lost);
        }
    }
}

/// <summary>The comparison's answer for one region's journal of <see cref="JournalSize"/> entries.</summary>
/// <param name="Unattributed">Journaled events of a type no app is known to publish (a newer producer's): not compared.</param>
/// <param name="UnreadableAnnouncements">Announcements whose data does not read: evidence that cannot be used, so not complete.</param>
public sealed record CompletenessReport(long JournalSize, IReadOnlyList<AppCompleteness> Apps, long Unattributed, long UnreadableAnnouncements, bool Complete);

/// <summary>One app's side of the comparison.</summary>
/// <param name="Announced">Distinct event ids the app announced for the region.</param>
/// <param name="Journaled">Distinct journaled events of the types the app publishes (its announcements not counted).</param>
/// <param name="Unannounced">Of those, how many no announcement names yet (announcing runs after publishing; events published before announcing began).</param>
/// <param name="Announcements">Announcements of the app the journal holds.</param>
/// <param name="LastSequence">The highest announcement sequence journaled.</param>
/// <param name="ReportedTotal">The app's own running count in its latest announcement (repeats after a crash included).</param>
/// <param name="Missing">Announced and not journaled, sorted, at most <see cref="CompletenessCheck.MaxListed"/>.</param>
/// <param name="LostAnnouncements">Announcement sequences below the last one that the journal does not hold, at most <see cref="CompletenessCheck.MaxListed"/>.</param>
public sealed record AppCompleteness(string App, long Announced, long Journaled, long Unannounced, long Announcements, long LastSequence, long ReportedTotal,
    long MissingCount, IReadOnlyList<string> Missing, long LostAnnouncementCount, IReadOnlyList<long> LostAnnouncements);
