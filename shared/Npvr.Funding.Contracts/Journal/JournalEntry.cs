using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// One link of a region's hash chain. <see cref="Content"/> is the text that was hashed, stored and served as is;
/// <see cref="Format"/> says by which rules (<see cref="JournalV1"/> or <see cref="JournalV2"/>), so an entry of one
/// format never verifies under the other's.
/// </summary>
public sealed record JournalEntry(long Sequence, string PreviousHash, string Hash, string Content, int Format)
{
    public JObject ContentJson() => (JObject)FundingJson.Parse(Content);

    /// <summary>The event envelope: format 2 content is the envelope; format 1 content is the envelope with its sequence.</summary>
    public JObject EnvelopeJson()
    {
        var content = ContentJson();
        if (Format == JournalV1.Format) content.Remove("sequence");
        return content;
    }
}

/// <summary>The end of a region's chain: how many entries, and the last hash.</summary>
public sealed record ChainHead(long Sequence, string Hash);
