using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>A four-entry chain of one region (format 2, or format 1 as written before issue 12), and ways to tamper with it.</summary>
internal static class JournalFixture
{
    public const string RegionName = "achterhoek";

    public static EventEnvelope Envelope(int i, string regionId = RegionName) => new(
        $"event-{i}", EventTypes.TrancheIssued, new DateTimeOffset(2025, 4, i, 10, 0, 0, TimeSpan.FromHours(2)),
        regionId, "npvr", $"correlation-{i}", i == 1 ? null : $"event-{i - 1}",
        FundingJson.ToJObject(new { amount = Money.FromCents(34_132_231L + i), note = $"tranche {i}" }), Actor.System);

    public static IReadOnlyList<JournalEntry> Chain(int length = 4, string regionId = RegionName)
    {
        var entries = new List<JournalEntry>();
        var head = JournalV2.Genesis(regionId);
        for (var i = 1; i <= length; i++)
        {
            var entry = JournalV2.Append(regionId, head, FundingJson.Serialize(Envelope(i, regionId)));
            entries.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        return entries;
    }

    /// <summary><paramref name="v1"/> format-1 entries, then <paramref name="v2"/> format-2 entries continuing the chain.</summary>
    public static IReadOnlyList<JournalEntry> MixedChain(int v1, int v2, string regionId = RegionName)
    {
        var entries = new List<JournalEntry>();
        var head = JournalV1.Genesis;
        for (var i = 1; i <= v1 + v2; i++)
        {
            var entry = i <= v1 ? JournalV1.Append(head, Envelope(i, regionId)) : JournalV2.Append(regionId, head, FundingJson.Serialize(Envelope(i, regionId)));
            entries.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        return entries;
    }

    public static ChainVerifier Verify(IEnumerable<JournalEntry> entries, ChainHead? recordedHead = null, string regionId = RegionName)
    {
        var verifier = new ChainVerifier(regionId);
        foreach (var entry in entries) verifier.Accept(entry);
        if (recordedHead is not null) verifier.AcceptRecordedHead(recordedHead);
        return verifier;
    }

    public static ChainHead HeadOf(IReadOnlyList<JournalEntry> entries) => new(entries[^1].Sequence, entries[^1].Hash);

    /// <summary>The chain with entry <paramref name="sequence"/> replaced.</summary>
    public static List<JournalEntry> With(IReadOnlyList<JournalEntry> entries, long sequence, Func<JournalEntry, JournalEntry> change) =>
        entries.Select(e => e.Sequence == sequence ? change(e) : e).ToList();

    /// <summary>The entry with one content field changed (and written canonically again), its stored hash left as it was.</summary>
    public static JournalEntry WithContent(JournalEntry entry, Action<JObject> edit)
    {
        var content = entry.ContentJson();
        edit(content);
        return entry with { Content = JsonCanonicalization.Canonicalize(content.ToString(Formatting.None)) };
    }
}
