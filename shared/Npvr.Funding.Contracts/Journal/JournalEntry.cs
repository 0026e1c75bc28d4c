using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// One link of a region's hash chain. <see cref="Content"/> is the canonical JSON of the entry (sequence and the
/// event envelope); <see cref="Hash"/> = SHA-256(<see cref="PreviousHash"/> + <see cref="Content"/>), lower-case hex.
/// </summary>
public sealed record JournalEntry(long Sequence, string PreviousHash, string Hash, string Content)
{
    public JObject ContentJson() => (JObject)FundingJson.Parse(Content);
}

/// <summary>The end of a region's chain: how many entries, and the last hash.</summary>
public sealed record ChainHead(long Sequence, string Hash)
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static ChainHead Genesis { get; } = new(0, new string('0', 64));
}
