using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>
/// A region's Merkle tree as stored: the hash of the complete aligned subtree of leaves [a, a + 2^k) is level k of the
/// "Subtrees" of entry a + 2^k, so any tree node costs one point read per complete part, and a proof O(log n) reads.
/// The head's frontier holds the complete parts of the whole tree, so a proof of the head's tree size reads none of those.
/// </summary>
internal static class JournalTree
{
    /// <summary>
    /// Point reads in flight at once. A proof reads at most about 2 x log2(n) rows (34 at 100,000 entries, 62 at a
    /// billion), so one proof goes out in one wave: each further wave would add a whole round trip to its latency.
    /// </summary>
    private const int MaxReadsInFlight = 64;

    /// <summary>The hashes of <paramref name="nodes"/> (nodes of a tree whose entries are all stored).</summary>
    public static async Task<List<byte[]>> NodeHashesAsync(TableClient table, string regionId, IReadOnlyList<SubtreeRange> nodes, CancellationToken cancellationToken)
    {
        var parts = nodes.SelectMany(n => n.CompleteParts()).Distinct().ToList();
        var rows = await ReadRowsAsync(table, regionId, [.. parts.Select(p => p.End)], null, cancellationToken);
        var hashes = parts.ToDictionary(p => p, p => StoredHash(rows, regionId, p));
        return [.. nodes.Select(node => MerkleProofs.NodeHash(node, part => hashes[part]))];
    }

    /// <summary>
    /// What a proof of the tree of the first <paramref name="treeSize"/> entries needs, in one wave of reads beside the
    /// head: the hashes of <paramref name="nodes"/>, which must partition [0, treeSize) (RFC 9162 tree nodes), that
    /// tree's root, and the Hash of entry <paramref name="entrySequence"/> when given (its row also holds the leaf).
    /// Refuses a tree beyond the head's (<see cref="ProofQuery.RequireTree"/>). When treeSize is the head's, the root
    /// and the parts of the whole tree come from the head's frontier; otherwise those parts take a second wave and the
    /// root is composed from the nodes (RFC 9162 section 2.1.1), the same fold a verifier makes.
    /// </summary>
    public static async Task<ProofNodes> ProofAsync(TableClient table, string regionId, long treeSize, IReadOnlyList<SubtreeRange> nodes, long? entrySequence, CancellationToken cancellationToken)
    {
        List<SubtreeRange> wholeParts = [.. new SubtreeRange(0, treeSize).CompleteParts()];
        var parts = nodes.SelectMany(n => n.CompleteParts()).Distinct().ToList();
        var inFrontier = parts.Where(p => p.End != entrySequence && wholeParts.Contains(p)).ToList();
        var headRead = JournalStore.ReadHeadAsync(table, regionId, cancellationToken);
        var rowsRead = ReadRowsAsync(table, regionId, [.. parts.Except(inFrontier).Select(p => p.End)], entrySequence, cancellationToken);
        // Both complete before the head decides: rows past the journal's end read as absent, never as a failure.
        await Task.WhenAll(headRead, rowsRead);
        var frontier = ProofQuery.RequireTree(await headRead, regionId, treeSize);
        var rows = await rowsRead;
        var current = frontier.Size == treeSize;
        if (!current)
        {
            foreach (var (sequence, row) in await ReadRowsAsync(table, regionId, [.. inFrontier.Select(p => p.End)], null, cancellationToken)) rows[sequence] = row;
        }
        var partHashes = parts.ToDictionary(p => p, p => current && inFrontier.Contains(p) ? frontier.Hashes[wholeParts.IndexOf(p)] : StoredHash(rows, regionId, p));
        var hashes = nodes.Distinct().ToDictionary(n => n, n => MerkleProofs.NodeHash(n, part => partHashes[part]));
        var root = current ? frontier.Root() : Compose(new SubtreeRange(0, treeSize), hashes);
        return new ProofNodes(hashes, root, entrySequence is { } entry ? rows[entry]?.GetString("Hash") : null);
    }

    /// <summary>
    /// MTH of <paramref name="node"/> (RFC 9162 section 2.1.1) from <paramref name="named"/> nodes that partition it:
    /// split at the largest power of two below its size until a named node is reached. Each split at least halves the
    /// size (depth at most 63) and only ancestors of named nodes are split, so at most 63 calls per named node.
    /// </summary>
    public static byte[] Compose(SubtreeRange node, IReadOnlyDictionary<SubtreeRange, byte[]> named)
    {
        if (named.TryGetValue(node, out var hash)) return hash;
        if (node.Size < 2) throw new InvalidOperationException($"The proof's nodes do not cover leaf {node.Start}.");
        var k = MerkleTree.SplitPoint(node.Size);
        return MerkleTree.NodeHash(Compose(new SubtreeRange(node.Start, node.Start + k), named), Compose(new SubtreeRange(node.Start + k, node.End), named));
    }

    /// <summary>Entry rows by sequence (null when absent), with their Subtrees, and the Hash of <paramref name="withHash"/>.</summary>
    private static async Task<Dictionary<long, TableEntity?>> ReadRowsAsync(TableClient table, string regionId, IReadOnlyCollection<long> sequences, long? withHash, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, TableEntity?>();
        var wanted = withHash is { } entry ? sequences.Append(entry).Distinct() : sequences.Distinct();
        foreach (var wave in wanted.Chunk(MaxReadsInFlight))
        {
            var read = await Task.WhenAll(wave.Select(async sequence =>
            {
                string[] columns = sequence == withHash ? ["Subtrees", "Hash"] : ["Subtrees"];
                var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, JournalStore.EntryKey(sequence), select: columns, cancellationToken: cancellationToken);
                return (sequence, row: row.HasValue ? row.Value : null);
            }));
            foreach (var (sequence, row) in read) rows[sequence] = row;
        }
        return rows;
    }

    private static byte[] StoredHash(Dictionary<long, TableEntity?> rows, string regionId, SubtreeRange part)
    {
        var subtrees = Subtrees.Parse(rows[part.End]?.GetString("Subtrees"));
        if (subtrees.Count <= part.Level)
            throw new InvalidOperationException($"Journal of {regionId}: entry {part.End} holds no hash of the subtree of leaves [{part.Start}, {part.End}).");
        return Convert.FromHexString(subtrees[part.Level]);
    }
}

/// <summary>The hashes of the nodes a proof names, its tree's root and (inclusion) its entry's Hash.</summary>
internal sealed record ProofNodes(IReadOnlyDictionary<SubtreeRange, byte[]> Hashes, byte[] Root, string? EntryHash);
