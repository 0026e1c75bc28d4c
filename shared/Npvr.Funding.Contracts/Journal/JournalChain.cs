using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>Pure hash-chain rules of the per-region journal (design.md section 4).</summary>
public static class JournalChain
{
    public static JournalEntry Append(ChainHead head, EventEnvelope envelope)
    {
        var content = FundingJson.ToJObject(envelope);
        content.AddFirst(new JProperty("sequence", head.Sequence + 1));
        var canonical = CanonicalJson.Write(content);
        return new JournalEntry(head.Sequence + 1, head.Hash, HashOf(head.Hash, canonical), canonical);
    }

    public static string HashOf(string previousHash, string canonicalContent) => Hashing.Sha256Hex(previousHash + canonicalContent);

    /// <summary>Recomputes an entry's hash from its content as stored, canonicalised again, so an edit to any field shows.</summary>
    public static bool IsIntact(JournalEntry entry, ChainHead before)
    {
        if (entry.Sequence != before.Sequence + 1 || entry.PreviousHash != before.Hash) return false;
        JObject content;
        try
        {
            content = entry.ContentJson();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
        return (long?)content["sequence"] == entry.Sequence && HashOf(entry.PreviousHash, CanonicalJson.Write(content)) == entry.Hash;
    }
}
