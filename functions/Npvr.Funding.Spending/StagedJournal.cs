using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Events waiting to be linked into a region's chain: "staged|{stagedAt ticks}|{ordinal}|{eventId}" rows holding the
/// envelope's RFC 8785 canonical text, and its personal data in a column beside it. A writer stages its events in the
/// transaction that makes them (an entry, or the journal consumer's inbox record) and never touches the head, so
/// writers do not contend; <see cref="JournalLinker"/> links them in key order and deletes them in the same transaction.
/// </summary>
internal static class StagedJournal
{
    public const string Prefix = "staged|";

    /// <summary>An event this app raised: staged as it is published.</summary>
    public static PartitionWrite Stage(this PartitionWrite write, EventEnvelope envelope, DateTimeOffset stagedAt, int ordinal) =>
        write.StageReceived(envelope.EventId, ReceivedEnvelope.Split(FundingJson.Serialize(envelope)), stagedAt, ordinal);

    /// <summary>
    /// An event as received, split (<see cref="ReceivedEnvelope.Split"/>): the canonical text of every member but its
    /// personal data, which is staged beside it in its own column, never in the text that will be hashed.
    /// </summary>
    public static PartitionWrite StageReceived(this PartitionWrite write, string eventId, (string Content, IReadOnlyList<KeptPersonalValue> PersonalData) received,
        DateTimeOffset stagedAt, int ordinal) =>
        write.Insert(new TableEntity(write.PartitionKey,
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{stagedAt.UtcTicks:D19}|{ordinal:D5}|{eventId}"))
        {
            ["Envelope"] = received.Content,
            [PersonalDataRows.Property] = PersonalDataRows.Write(received.PersonalData),
        });

    /// <summary>The first <paramref name="limit"/> staged rows of the region, in key order.</summary>
    public static async Task<List<TableEntity>> NextAsync(TableClient table, string regionId, int limit, CancellationToken cancellationToken)
    {
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(Prefix)}";
        var rows = new List<TableEntity>(limit);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= limit) break;
        }
        return rows;
    }

    /// <summary>The canonical envelope (a row staged before issue 12 holds Newtonsoft's text of it: canonicalised here).</summary>
    public static string ContentOf(TableEntity row) => JsonCanonicalization.Canonicalize(row.GetString("Envelope")
        ?? throw new InvalidOperationException($"Staged journal row {row.PartitionKey}/{row.RowKey} has no envelope."));

    /// <summary>The personal values staged beside the envelope (none on a row staged before they were split off).</summary>
    public static IReadOnlyList<KeptPersonalValue> PersonalDataOf(TableEntity row) => PersonalDataRows.Read(row);
}
