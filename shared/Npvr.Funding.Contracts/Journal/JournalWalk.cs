namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// One pass over a region's journal, as stored or as exported: the chain checked entry by entry
/// (<see cref="ChainVerifier"/>) and the Merkle tree over the stored hashes folded as it goes, so the root at any size
/// can be compared with a signed checkpoint of that size.
/// </summary>
public sealed class JournalWalk(string regionId)
{
    private MerkleFrontier _frontier = MerkleFrontier.Empty;

    public ChainVerifier Chain { get; } = new(regionId);
    public long TreeSize => _frontier.Size;

    public void Accept(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Chain.Accept(entry);
        _frontier = _frontier.Append(MerkleTree.JournalLeaf(LeafHashText(entry.Hash)), out _);
    }

    public byte[] Root() => _frontier.Root();

    /// <summary>A stored hash that is not 64 hex digits already broke the chain; its leaf is then the hash of nothing useful, never a crash.</summary>
    private static string LeafHashText(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigit) ? hash : Hashing.Sha256Hex(hash);
}
