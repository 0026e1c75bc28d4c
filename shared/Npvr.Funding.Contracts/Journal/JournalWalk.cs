using System.Security.Cryptography;
using System.Text;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// One pass over a region's journal, as stored or as exported: the chain checked entry by entry
/// (<see cref="ChainVerifier"/>) and the Merkle tree over the stored hashes folded as it goes, so the root at any size
/// can be compared with a signed checkpoint of that size.
/// </summary>
public sealed class JournalWalk(string regionId)
{
    /// <summary>The frontier (see <see cref="MerkleFrontier"/>), kept in place: one pass appends every entry of the journal.</summary>
    private readonly List<byte[]> _subtrees = [];

    public ChainVerifier Chain { get; } = new(regionId);
    public long TreeSize { get; private set; }

    public void Accept(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Chain.Accept(entry);
        Span<byte> leaf = stackalloc byte[MerkleTree.HashSize];
        LeafBytes(entry.Hash, leaf);
        var carry = MerkleTree.LeafHash(leaf);
        // One merge per trailing one bit of the size: at most 63.
        for (var level = 0; (TreeSize >> level & 1) == 1; level++)
        {
            carry = MerkleTree.NodeHash(_subtrees[^1], carry);
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }
        _subtrees.Add(carry);
        TreeSize++;
    }

    public byte[] Root() => MerkleFrontier.Of(TreeSize, _subtrees).Root();

    /// <summary>
    /// The leaf of a stored hash: its 32 bytes. A stored hash that is not 64 hex digits already broke the chain; its leaf
    /// is then the SHA-256 of its text (as JournalLeaf of Hashing.Sha256Hex), never a crash.
    /// </summary>
    private static void LeafBytes(string hash, Span<byte> leaf)
    {
        if (hash.Length == 2 * MerkleTree.HashSize && Convert.FromHexString(hash, leaf, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == MerkleTree.HashSize) return;
        SHA256.HashData(Encoding.UTF8.GetBytes(hash), leaf);
    }
}
