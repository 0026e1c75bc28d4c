using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Table Journal, one partition per region: the region's hash chain ("head": sequence and hash of the last entry, its
/// ETag serialises linking; "entry|{sequence}"), events staged for the chain ("staged|..."), the journal consumer's
/// inbox, and the region's spending ledger ("ledger|..." and "booked|...") with its outbox and idempotency rows. The
/// ledger lives beside the chain so that an entry, its event and its staged journal row commit in one transaction.
/// </summary>
public sealed class JournalStore(FundingTables tables)
{
    public const string TableName = "Journal";
    public const string Consumer = "journal";
    public const string HeadRow = "head";
    private const string EntryPrefix = "entry";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public static async Task<(ChainHead Head, ETag ETag)> HeadAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, HeadRow, cancellationToken: cancellationToken);
        return row.HasValue
            ? (new ChainHead(row.Value!.GetInt64("Sequence") ?? 0, row.Value.GetString("Hash") ?? ""), row.Value.ETag)
            : (ChainHead.Genesis, default);
    }

    /// <summary>The head with the statement projection folded up to it (see StatementProjection).</summary>
    public static async Task<(ChainHead Head, ETag ETag, string? Statements)> HeadWithStatementsAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, HeadRow, cancellationToken: cancellationToken);
        return row.HasValue
            ? (new ChainHead(row.Value!.GetInt64("Sequence") ?? 0, row.Value.GetString("Hash") ?? ""), row.Value.ETag, row.Value.GetString(StatementProjection.Property))
            : (ChainHead.Genesis, default, null);
    }

    /// <summary>The head row after <paramref name="last"/>, replacing the one read with <paramref name="headETag"/>.</summary>
    public static TableEntity HeadEntity(string regionId, JournalEntry last, string statements) =>
        new(regionId, HeadRow) { ["Sequence"] = last.Sequence, ["Hash"] = last.Hash, [StatementProjection.Property] = statements };

    public static TableEntity EntryEntity(string regionId, JournalEntry entry) =>
        new(regionId, RowKeys.Sequence(EntryPrefix, entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            ["PreviousHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
            ["Content"] = entry.Content,
        };

    /// <summary>Entries from <paramref name="fromSequence"/> on, at most <paramref name="limit"/>.</summary>
    public static async Task<List<JournalEntry>> EntriesAsync(TableClient table, string regionId, long fromSequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {regionId} and RowKey ge {RowKeys.Sequence(EntryPrefix, fromSequence)} and RowKey lt {EntryPrefix + "}"}");
        var entries = new List<JournalEntry>(Math.Min(limit, 1000));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new JournalEntry(row.GetInt64("Sequence") ?? 0, row.GetString("PreviousHash") ?? "", row.GetString("Hash") ?? "", row.GetString("Content") ?? ""));
            if (entries.Count >= limit) break;
        }
        return entries;
    }
}
