namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (every app, issue 12 point 7): <see cref="App"/> published these events about <see cref="RegionId"/> on the
/// funding-events topic (each one was accepted by the broker). Spending journals it like every region event, so the
/// region's hash chain holds the evidence the completeness check compares with the events it journaled.
/// <see cref="Sequence"/> numbers the app's announcements for the region from 1 without gaps, so a lost announcement
/// shows; <see cref="AnnouncedTotal"/> is the app's running count of ids announced for the region. A crash between
/// announcing and marking the rows announced announces the same ids again (the check compares sets), so the total
/// counts such repeats too: it is at least the number of distinct events the app published for the region.
/// </summary>
public sealed record PublicationsAnnounced(
    string App,
    string RegionId,
    long Sequence,
    IReadOnlyList<string> EventIds,
    long AnnouncedTotal,
    DateTimeOffset AnnouncedAt)
{
    /// <summary>
    /// Ids per announcement: one outbox page's worth, which keeps the message (about 4 KB) far below Service Bus's
    /// 256 KB and a journal entry small enough to serve in a page of 1,000.
    /// </summary>
    public const int MaxEventIds = 100;
}
