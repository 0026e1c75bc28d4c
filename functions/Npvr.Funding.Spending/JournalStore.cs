using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Table Journal, one partition per region: the region's hash chain ("head": sequence, hash and Merkle frontier of the
/// last entry, its ETag serialises linking; "entry|{sequence}" with its format, content, the hashes of the Merkle
/// subtrees it completes and the personal data kept beside it), the index of that personal data by person ("pdx|...",
/// <see cref="PersonalDataRows"/>), events staged for the chain ("staged|..."), the journal consumer's inbox, and the region's
/// spending ledger ("ledger|..." and "booked|...") with its outbox and idempotency rows. The ledger lives beside the
/// chain so that an entry, its event and its staged journal row commit in one transaction.
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
        var head = await ReadHeadAsync(table, regionId, cancellationToken);
        return (head.Chain, head.ETag);
    }

    /// <summary>The head with the statement projection folded up to it (see StatementProjection).</summary>
    public static async Task<(ChainHead Head, ETag ETag, string? Statements)> HeadWithStatementsAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(table, regionId, cancellationToken);
        return (head.Chain, head.ETag, head.Statements);
    }

    /// <summary>The head row; a region without one has the format-2 genesis and an empty tree.</summary>
    public static async Task<JournalHead> ReadHeadAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, HeadRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return new JournalHead(JournalV2.Genesis(regionId), default, null, MerkleFrontier.Empty);
        var sequence = row.Value!.GetInt64("Sequence") ?? 0;
        var frontierText = row.Value.GetString("Frontier");
        var frontier = frontierText is not null || sequence == 0 ? MerkleFrontier.Parse(sequence, frontierText) : null;
        return new JournalHead(new ChainHead(sequence, row.Value.GetString("Hash") ?? ""), row.Value.ETag, row.Value.GetString(StatementProjection.Property), frontier);
    }

    /// <summary>The head row after <paramref name="last"/>, replacing the one read with <paramref name="headETag"/>.</summary>
    public static TableEntity HeadEntity(string regionId, ChainHead last, string statements, MerkleFrontier frontier) =>
        new(regionId, HeadRow)
        {
            ["Sequence"] = last.Sequence,
            ["Hash"] = last.Hash,
            ["Frontier"] = frontier.ToText(),
            [StatementProjection.Property] = statements,
        };

    /// <summary>
    /// An entry row; <paramref name="subtrees"/>[level] is the hash of the complete subtree of 2^level leaves ending at
    /// it; <paramref name="personalData"/> is kept beside the hashed content, in a column of its own (issue 12, point 6).
    /// </summary>
    public static TableEntity EntryEntity(string regionId, JournalEntry entry, IReadOnlyList<byte[]> subtrees, IReadOnlyList<KeptPersonalValue> personalData) =>
        new(regionId, EntryKey(entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            ["Format"] = entry.Format,
            ["PreviousHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
            ["Content"] = entry.Content,
            ["Subtrees"] = Subtrees.ToText(subtrees),
            [PersonalDataRows.Property] = PersonalDataRows.Write(personalData),
        };

    public static string EntryKey(long sequence) => RowKeys.Sequence(EntryPrefix, sequence);

    /// <summary>Entries from <paramref name="fromSequence"/> on, at most <paramref name="limit"/>.</summary>
    public static async Task<List<JournalEntry>> EntriesAsync(TableClient table, string regionId, long fromSequence, int limit, CancellationToken cancellationToken) =>
        [.. (await StoredEntriesAsync(table, regionId, fromSequence, limit, cancellationToken)).Select(e => e.Entry)];

    /// <summary>Entries from <paramref name="fromSequence"/> on, at most <paramref name="limit"/>, with the personal data kept beside each.</summary>
    public static async Task<List<StoredEntry>> StoredEntriesAsync(TableClient table, string regionId, long fromSequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {regionId} and RowKey ge {EntryKey(fromSequence)} and RowKey lt {EntryPrefix + "}"}");
        var entries = new List<StoredEntry>(Math.Min(limit, 1000));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new StoredEntry(EntryOf(row), PersonalDataRows.Read(row)));
            if (entries.Count >= limit) break;
        }
        return entries;
    }

    /// <summary>A row written before formats existed has none: it is format 1.</summary>
    public static JournalEntry EntryOf(TableEntity row) =>
        new(row.GetInt64("Sequence") ?? 0, row.GetString("PreviousHash") ?? "", row.GetString("Hash") ?? "", row.GetString("Content") ?? "",
            row.GetInt32("Format") ?? JournalV1.Format);
}

/// <summary>An entry as stored: the hashed entry, and the personal values kept beside it (none erased, some, or all).</summary>
public sealed record StoredEntry(JournalEntry Entry, IReadOnlyList<KeptPersonalValue> PersonalData);

/// <summary>
/// A region's head row as read: the chain's end, its ETag, the statement projection, and the Merkle frontier (null on a
/// head linked before issue 12, whose entries carry no subtree hashes yet: see <see cref="MerkleBackfill"/>).
/// </summary>
public sealed record JournalHead(ChainHead Chain, ETag ETag, string? Statements, MerkleFrontier? Frontier);
