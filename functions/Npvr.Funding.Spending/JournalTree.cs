using System.Collections.Concurrent;
using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>
/// A region's Merkle tree as stored: the hash of the complete aligned subtree of leaves [a, a + 2^k) is level k of the
/// "Subtrees" of entry a + 2^k, so any tree node costs one point read per complete part, and a proof O(log n) reads.
/// </summary>
internal static class JournalTree
{
    /// <summary>Point reads in flight at once for one proof (a proof of a 100,000-entry tree needs about 34).</summary>
    private const int MaxParallelReads = 8;

    /// <summary>The hashes of <paramref name="nodes"/> (nodes of a tree whose entries are all stored).</summary>
    public static async Task<List<byte[]>> NodeHashesAsync(TableClient table, string regionId, IReadOnlyList<SubtreeRange> nodes, CancellationToken cancellationToken)
    {
        var parts = nodes.SelectMany(n => n.CompleteParts()).Distinct().ToList();
        var hashes = new ConcurrentDictionary<SubtreeRange, byte[]>();
        await Parallel.ForEachAsync(parts, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken }, async (part, ct) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, JournalStore.EntryKey(part.End), select: ["Subtrees"], cancellationToken: ct);
            var subtrees = Subtrees.Parse(row.HasValue ? row.Value!.GetString("Subtrees") : null);
            if (subtrees.Count <= part.Level)
                throw new InvalidOperationException($"Journal of {regionId}: entry {part.End} holds no hash of the subtree of leaves [{part.Start}, {part.End}).");
            hashes[part] = Convert.FromHexString(subtrees[part.Level]);
        });
        return [.. nodes.Select(node => MerkleProofs.NodeHash(node, part => hashes[part]))];
    }

    /// <summary>The root of the first <paramref name="treeSize"/> entries.</summary>
    public static async Task<byte[]> RootAsync(TableClient table, string regionId, long treeSize, CancellationToken cancellationToken) =>
        treeSize == 0 ? MerkleTree.EmptyRoot() : (await NodeHashesAsync(table, regionId, [new SubtreeRange(0, treeSize)], cancellationToken))[0];
}
