namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// What the linker keeps of a tree of <see cref="Size"/> leaves to append the next one: the hashes of the complete
/// subtrees of the binary decomposition of Size, largest (leftmost) first, at most 63. Appending a leaf completes
/// the subtrees that end at it (levels 0 up to the number of trailing zeros of the new size); those are stored on the
/// leaf's entry row, so a proof reads any complete aligned subtree with one point read.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly byte[][] _hashes;

    private MerkleFrontier(long size, byte[][] hashes)
    {
        Size = size;
        _hashes = hashes;
    }

    public static MerkleFrontier Empty { get; } = new(0, []);

    public long Size { get; }
    public IReadOnlyList<byte[]> Hashes => _hashes;

    /// <summary>A stored frontier: the hashes must be one per set bit of <paramref name="size"/>.</summary>
    public static MerkleFrontier Of(long size, IReadOnlyList<byte[]> hashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count != long.PopCount(size) || hashes.Any(h => h.Length != MerkleTree.HashSize))
            throw new ArgumentException($"A frontier of {size} leaves holds {long.PopCount(size)} hashes of 32 bytes.", nameof(hashes));
        return new MerkleFrontier(size, [.. hashes]);
    }

    /// <summary>The frontier after one more leaf; <paramref name="completed"/>[level] is the hash of the complete subtree of 2^level leaves ending at it.</summary>
    public MerkleFrontier Append(byte[] leafHash, out IReadOnlyList<byte[]> completed)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleTree.HashSize) throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        var subtrees = new List<byte[]>(_hashes);
        var carry = leafHash;
        var done = new List<byte[]> { carry };
        // One merge per trailing one bit of Size: at most 63.
        for (var level = 0; (Size >> level & 1) == 1; level++)
        {
            carry = MerkleTree.NodeHash(subtrees[^1], carry);
            subtrees.RemoveAt(subtrees.Count - 1);
            done.Add(carry);
        }
        subtrees.Add(carry);
        completed = done;
        return new MerkleFrontier(Size + 1, [.. subtrees]);
    }

    /// <summary>MTH of the whole tree: the frontier folded from the right.</summary>
    public byte[] Root()
    {
        if (_hashes.Length == 0) return MerkleTree.EmptyRoot();
        var root = _hashes[^1];
        for (var i = _hashes.Length - 2; i >= 0; i--) root = MerkleTree.NodeHash(_hashes[i], root);
        return root;
    }

    /// <summary>Lower-case hex, comma separated (the head row's form).</summary>
    public string ToText() => string.Join(',', _hashes.Select(Convert.ToHexStringLower));

    public static MerkleFrontier Parse(long size, string? text) =>
        Of(size, string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(Convert.FromHexString).ToList());
}
