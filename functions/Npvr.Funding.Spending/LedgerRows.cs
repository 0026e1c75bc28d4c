using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>An entry as the ledger stores it: who recorded it when, and the event that announced it.</summary>
public sealed record RecordedEntry(SpendingEntry Entry, string EventId, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// The two rows of each entry in its region's partition of the Journal table: "ledger|{entryId}" (found by id; its
/// insert is the guard that makes an entryId record at most one entry) and "booked|{bookedOn}|{entryId}" (key order is
/// the query order: bookedOn, then entryId), with ProgrammeId and Category columns for the query filters. Both
/// hold the whole entry; neither is ever changed or deleted.
/// </summary>
internal static class LedgerRows
{
    public const string ByIdPrefix = "ledger|";
    public const string BookedPrefix = "booked|";

    public static string ById(Guid entryId) => ByIdPrefix + entryId.ToString("D");

    public static string Booked(DateOnly bookedOn, Guid entryId) =>
        string.Create(CultureInfo.InvariantCulture, $"{BookedPrefix}{bookedOn:yyyy-MM-dd}|{entryId:D}");

    /// <summary>The entry's two rows and its staged journal row (the outbox row is the caller's: HttpWrites adds it for HTTP).</summary>
    public static PartitionWrite Record(this PartitionWrite write, RecordedEntry recorded, EventEnvelope envelope, int ordinal)
    {
        var entry = recorded.Entry;
        if (entry.RegionId != write.PartitionKey) throw new InvalidOperationException($"Entry {entry.EntryId} is of {entry.RegionId}, not {write.PartitionKey}.");
        return write.InsertGuard(ToEntity(write.PartitionKey, ById(entry.EntryId), recorded))
            .Insert(ToEntity(write.PartitionKey, Booked(entry.BookedOn, entry.EntryId), recorded))
            .Stage(envelope, recorded.RecordedAt, ordinal);
    }

    /// <summary>The entry's event (SpendingRecorded, or SpendingReversed for a reversal) and the entry as the ledger keeps it.</summary>
    public static (RecordedEntry Recorded, EventEnvelope Envelope) Announce(SpendingEntry entry, DateTimeOffset at, Actor actor, string correlationId, string? causationId)
    {
        // recordedBy keeps its meaning (the acting person's name); the envelope's actor adds who that is.
        var envelope = entry.IsReversal
            ? EventEnvelope.Create(EventTypes.SpendingReversed, SpendingReversed.From(entry, at, actor.Name), at, entry.RegionId, entry.ProgrammeId, correlationId, causationId, actor)
            : EventEnvelope.Create(EventTypes.SpendingRecorded, SpendingRecorded.From(entry, at, actor.Name), at, entry.RegionId, entry.ProgrammeId, correlationId, causationId, actor);
        return (new RecordedEntry(entry, envelope.EventId, at, actor.Name), envelope);
    }

    public static SpendingEntry EntryOf(TableEntity e) =>
        FundingJson.Deserialize<SpendingEntry>(e.GetString("Entry") ?? throw new InvalidOperationException($"Ledger row {e.PartitionKey}/{e.RowKey} has no entry."));

    public static RecordedEntry FromEntity(TableEntity e) => new(
        EntryOf(e),
        e.GetString("EventId") ?? "",
        e.GetDateTimeOffset("RecordedAt") ?? throw new InvalidOperationException($"Ledger row {e.PartitionKey}/{e.RowKey} has no RecordedAt."),
        e.GetString("RecordedBy") ?? "");

    public static async Task<RecordedEntry?> FindAsync(TableClient table, string regionId, Guid entryId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, ById(entryId), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The EntryFingerprints digest and announcing event of the entry stored under <paramref name="entryId"/>, or null.</summary>
    public static async Task<(string Fingerprint, string EventId)?> FingerprintAsync(TableClient table, string regionId, Guid entryId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, ById(entryId), ["Fingerprint", "EventId"], cancellationToken);
        return row.HasValue ? (row.Value!.GetString("Fingerprint") ?? "", row.Value.GetString("EventId") ?? "") : null;
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, RecordedEntry recorded) => new(partitionKey, rowKey)
    {
        ["Entry"] = FundingJson.Serialize(recorded.Entry),
        ["Fingerprint"] = EntryFingerprints.Of(recorded.Entry),
        ["EventId"] = recorded.EventId,
        ["RecordedAt"] = recorded.RecordedAt,
        ["RecordedBy"] = recorded.RecordedBy,
        ["ProgrammeId"] = recorded.Entry.ProgrammeId,
        ["Category"] = recorded.Entry.Category.WireName(),
    };
}
