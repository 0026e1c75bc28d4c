using System.Numerics;
using System.Security.Cryptography;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// RFC 9162 section 2.1 Merkle tree hashing over a region's journal: leaf hash = SHA-256(0x00 || leaf), node hash =
/// SHA-256(0x01 || left || right), the root of n leaves splits at the largest power of two below n. A journal leaf is
/// the 32 bytes of an entry's hash (which binds its content, region, sequence and predecessor).
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> input = stackalloc byte[leaf.Length + 1];
        input[0] = 0x00;
        leaf.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + left.Length + right.Length];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The leaf hash of a journal entry: its hash (64 hex digits) as 32 bytes, as a leaf.</summary>
    public static byte[] JournalLeaf(string entryHash) => LeafHash(Convert.FromHexString(entryHash));

    /// <summary>MTH over leaf hashes, in O(n) by folding them into a frontier.</summary>
    public static byte[] Root(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var frontier = MerkleFrontier.Empty;
        foreach (var leaf in leafHashes) frontier = frontier.Append(leaf, out _);
        return frontier.Root();
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n at least 2): where RFC 9162 splits.</summary>
    public static long SplitPoint(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }
}
