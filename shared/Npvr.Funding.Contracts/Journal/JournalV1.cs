using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// Format 1 of the chain (before issue 12), kept so journals written then still verify under their own rules: content
/// is Newtonsoft-canonical JSON of the sequence and the re-serialised envelope (see <see cref="CanonicalJson"/>), hash =
/// SHA-256(previous hash + content), the first previous hash 64 zeros, nothing binding the region. No entry is written
/// in this format any more; a chain may start with format-1 entries and continue in format 2, never the reverse.
/// </summary>
public static class JournalV1
{
    public const int Format = 1;

    /// <summary>The "previous hash" of a format-1 chain's first entry.</summary>
    public static ChainHead Genesis { get; } = new(0, new string('0', 64));

    public static JournalEntry Append(ChainHead head, EventEnvelope envelope)
    {
        var content = FundingJson.ToJObject(envelope);
        content.AddFirst(new JProperty("sequence", head.Sequence + 1));
        var canonical = CanonicalJson.Write(content);
        return new JournalEntry(head.Sequence + 1, head.Hash, HashOf(head.Hash, canonical), canonical, Format);
    }

    public static string HashOf(string previousHash, string canonicalContent) => Hashing.Sha256Hex(previousHash + canonicalContent);

    /// <summary>Recomputes an entry's hash from its content as stored, canonicalised again, so an edit to any field shows.</summary>
    public static bool IsIntact(JournalEntry entry, ChainHead before)
    {
        if (entry.Format != Format || entry.Sequence != before.Sequence + 1 || entry.PreviousHash != before.Hash) return false;
        JObject content;
        try
        {
            content = entry.ContentJson();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
        catch (InvalidCastException)
        {
            return false;
        }
        return (long?)content["sequence"] == entry.Sequence && HashOf(entry.PreviousHash, CanonicalJson.Write(content)) == entry.Hash;
    }
}
