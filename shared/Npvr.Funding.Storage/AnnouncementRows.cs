using Azure;
using Azure.Data.Tables;

namespace Npvr.Funding.Storage;

/// <summary>
/// Where an app keeps its announcements for a region (issue 12 point 7): partition "announce|{regionId}" of its first
/// outbox table, holding the PublicationsAnnounced outbox rows and one counter row (last sequence, running total), so
/// an announcement and the counter that numbers it commit in one transaction.
/// </summary>
public static class AnnouncementRows
{
    public const string CounterRow = "counter";

    public static string Partition(string regionId) => "announce|" + regionId;

    public sealed record Counter(long Sequence, long AnnouncedTotal, ETag ETag);

    /// <summary>The counter; a region never announced has sequence 0 and no row (default ETag: the next write inserts it).</summary>
    public static async Task<Counter> ReadAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(regionId), CounterRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } counter
            ? new Counter(counter.GetInt64("Sequence") ?? 0, counter.GetInt64("AnnouncedTotal") ?? 0, counter.ETag)
            : new Counter(0, 0, default);
    }

    public static TableEntity ToEntity(string regionId, long sequence, long announcedTotal) =>
        new(Partition(regionId), CounterRow) { ["Sequence"] = sequence, ["AnnouncedTotal"] = announcedTotal };
}
