using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>A region-year's mark as read: whether it is closed, its seal, and the ETag its writers condition on.</summary>
internal sealed record YearMark(string ProgrammeId, int Year, bool Exists, Azure.ETag ETag, bool Closed, bool Closing, string? SealHash, string? EventId)
{
    /// <summary>The row <see cref="ETag"/> belongs to: the main mark, or the writer's stripe (see YearMarks.ReadForWriteAsync).</summary>
    public string Key { get; init; } = YearMarks.RowKey(ProgrammeId, Year);
}

/// <summary>
/// "year|{programmeId}|{year}" in the region's partition of the Journal table (issue 9): the closed mark of a
/// region-year. Every Spending write of that region-year touches the row under the ETag it read (or inserts it), and
/// the close sets Closed under the ETag it read, so a write racing the close either commits first (the close then
/// fails on the ETag, retries and seals it in) or fails on the ETag and reads the year closed: never accepted after the seal.
/// </summary>
internal static class YearMarks
{
    private const string Prefix = "year|";
    private const string StripePrefix = "yearw|";

    /// <summary>
    /// Writers of a region-year take one of this many stripe rows (by entry id), so concurrent writers rarely contend
    /// with each other; the close marks every stripe "closing" in one transaction (17 rows with the main mark).
    /// </summary>
    public const int Stripes = 16;

    public static string StripeKey(string programmeId, int year, int stripe) =>
        string.Create(CultureInfo.InvariantCulture, $"{StripePrefix}{programmeId}|{year}|{stripe:D2}");

    public static int StripeOf(Guid id) => id.ToByteArray()[0] % Stripes;

    /// <summary>A stable stripe for a string key (FNV-1a over its UTF-16 units: string.GetHashCode differs per process).</summary>
    public static int StripeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var unit in key) hash = (hash ^ unit) * 16777619u;
        return (int)(hash % Stripes);
    }

    /// <summary>What a writer conditions on: the stripe row's ETag, closed or closing as the main mark or the stripe says.</summary>
    public static async Task<YearMark> ReadForWriteAsync(TableClient table, string regionId, string programmeId, int year, int stripe, CancellationToken cancellationToken)
    {
        var main = await ReadAsync(table, regionId, programmeId, year, cancellationToken);
        var key = StripeKey(programmeId, year, stripe);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, key, cancellationToken: cancellationToken);
        var closing = main.Closing || (row.HasValue && (row.Value!.GetBoolean("Closing") ?? false));
        return new YearMark(programmeId, year, row.HasValue, row.HasValue ? row.Value!.ETag : default, main.Closed, closing, main.SealHash, main.EventId) { Key = key };
    }

    /// <summary>The close's first step: the main mark and every stripe become closing, each under the ETag read.</summary>
    public static async Task<PartitionWrite> ClosingAsync(TableClient table, string regionId, YearMark main, CancellationToken cancellationToken)
    {
        var write = new PartitionWrite(regionId).MarkClosing(main);
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter($"{StripePrefix}{main.ProgrammeId}|{main.Year}|")}";
        var existing = new Dictionary<string, Azure.ETag>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Stripes, cancellationToken: cancellationToken))
            existing[row.RowKey] = row.ETag;
        for (var stripe = 0; stripe < Stripes; stripe++)
        {
            var key = StripeKey(main.ProgrammeId, main.Year, stripe);
            var row = new TableEntity(regionId, key) { ["Closing"] = true };
            if (existing.TryGetValue(key, out var etag)) write.Merge(row, etag);
            else write.Insert(row);
        }
        return write;
    }

    public static string RowKey(string programmeId, int year) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{programmeId}|{year}");

    public static async Task<YearMark> ReadAsync(TableClient table, string regionId, string programmeId, int year, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, RowKey(programmeId, year), cancellationToken: cancellationToken);
        return row.HasValue
            ? new YearMark(programmeId, year, true, row.Value!.ETag, row.Value.GetBoolean("Closed") ?? false,
                row.Value.GetBoolean("Closing") ?? false, row.Value.GetString("SealHash"), row.Value.GetString("EventId"))
            : new YearMark(programmeId, year, false, default, false, false, null, null);
    }

    /// <summary>A region's programme-years bounded like its statement projection (StatementProjection.MaxLedgersPerRegion).</summary>
    public static async Task<HashSet<(string ProgrammeId, int Year)>> ClosedAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(Prefix)}";
        var closed = new HashSet<(string, int)>();
        var seen = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: StatementProjection.MaxLedgersPerRegion, cancellationToken: cancellationToken))
        {
            if (++seen > StatementProjection.MaxLedgersPerRegion) break;
            var parts = row.RowKey.Split('|');
            if (((row.GetBoolean("Closed") ?? false) || (row.GetBoolean("Closing") ?? false)) && parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                closed.Add((parts[1], year));
        }
        return closed;
    }

    /// <summary>A write of an open region-year: conditions the transaction on the mark it read; refuses a closed year.</summary>
    public static PartitionWrite TouchOpen(this PartitionWrite write, YearMark mark)
    {
        if (mark.Closed || mark.Closing)
            throw new DomainException(DomainError.Conflict("year-closed", $"{mark.ProgrammeId} {mark.Year} is {(mark.Closed ? "closed" : "being closed")} for {write.PartitionKey}; nothing booked in it can change."));
        var row = new TableEntity(write.PartitionKey, mark.Key) { ["Closing"] = false };
        return mark.Exists ? write.Merge(row, mark.ETag) : write.Insert(row);
    }

    /// <summary>
    /// The close's first step: from here on every write of the region-year is refused, so the seal that follows only
    /// races the linker (whose head it takes under its ETag), never a stream of writers.
    /// </summary>
    public static PartitionWrite MarkClosing(this PartitionWrite write, YearMark mark)
    {
        var row = new TableEntity(write.PartitionKey, RowKey(mark.ProgrammeId, mark.Year)) { ["Closed"] = false, ["Closing"] = true };
        return mark.Exists ? write.Merge(row, mark.ETag) : write.Insert(row);
    }

    /// <summary>The close: the mark becomes closed with its seal and the YearClosed event that announced it.</summary>
    public static PartitionWrite MarkClosed(this PartitionWrite write, YearMark mark, string sealHash, string eventId)
    {
        var row = new TableEntity(write.PartitionKey, RowKey(mark.ProgrammeId, mark.Year)) { ["Closed"] = true, ["Closing"] = false, ["SealHash"] = sealHash, ["EventId"] = eventId };
        return mark.Exists ? write.Merge(row, mark.ETag) : write.Insert(row);
    }
}
