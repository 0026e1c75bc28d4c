using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Migration of a journal linked before issue 12: its entries carry no subtree hashes and its head no Merkle
/// frontier. Walks the entries once, adds each row's subtree hashes (a merge of that one property: the hashed fields
/// are untouched, and every instance computes the same values, so two running it at once agree), then gives the head
/// its frontier under the ETag read first. The linker runs it before linking onto such a head.
/// </summary>
internal static class MerkleBackfill
{
    /// <summary>Entry merges per transaction (Table Storage allows 100 actions).</summary>
    private const int EntriesPerTransaction = PartitionWrite.MaxActions;

    private const int PageSize = 1000;

    public static async Task RunAsync(TableClient table, string regionId, ILogger logger, CancellationToken cancellationToken)
    {
        var head = await JournalStore.ReadHeadAsync(table, regionId, cancellationToken);
        if (head.Frontier is not null) return;
        logger.LogWarning("Journal of {Region}: adding Merkle subtree hashes to {Count} entries linked before issue 12.", regionId, head.Chain.Sequence);
        var frontier = MerkleFrontier.Empty;
        // Bounded by the head's sequence: each round reads the next page of entries.
        while (frontier.Size < head.Chain.Sequence)
        {
            var page = await JournalStore.EntriesAsync(table, regionId, frontier.Size + 1, PageSize, cancellationToken);
            if (page.Count == 0 || page[0].Sequence != frontier.Size + 1)
                throw new InvalidOperationException($"Journal of {regionId}: entry {frontier.Size + 1} is missing; the head names {head.Chain.Sequence}.");
            foreach (var batch in page.Where(e => e.Sequence <= head.Chain.Sequence).Chunk(EntriesPerTransaction))
            {
                var write = new PartitionWrite(regionId);
                foreach (var entry in batch)
                {
                    if (entry.Sequence != frontier.Size + 1) throw new InvalidOperationException($"Journal of {regionId}: entry {frontier.Size + 1} is missing.");
                    frontier = frontier.Append(MerkleTree.JournalLeaf(entry.Hash), out var subtrees);
                    write.Merge(new TableEntity(regionId, JournalStore.EntryKey(entry.Sequence)) { ["Subtrees"] = Subtrees.ToText(subtrees) }, ETag.All);
                }
                await table.SubmitTransactionAsync(write.Actions, cancellationToken);
            }
        }
        var done = new PartitionWrite(regionId).Merge(new TableEntity(regionId, JournalStore.HeadRow) { ["Frontier"] = frontier.ToText() }, head.ETag);
        try
        {
            await table.SubmitTransactionAsync(done.Actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance finished first (or linked since): the linker reads the head again.
        }
    }
}

/// <summary>The "Subtrees" property of an entry row: lower-case hex hashes, level 0 (the leaf) first, comma separated.</summary>
internal static class Subtrees
{
    public static string ToText(IReadOnlyList<byte[]> subtrees) => string.Join(',', subtrees.Select(Convert.ToHexStringLower));

    public static IReadOnlyList<string> Parse(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split(',');
}
