using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>A four-entry chain of one region, and ways to tamper with it.</summary>
internal static class JournalFixture
{
    public static IReadOnlyList<JournalEntry> Chain(int length = 4)
    {
        var entries = new List<JournalEntry>();
        var head = ChainHead.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var envelope = new EventEnvelope(
                $"event-{i}", EventTypes.TrancheIssued, new DateTimeOffset(2025, 4, i, 10, 0, 0, TimeSpan.FromHours(2)),
                "achterhoek", "npvr", $"correlation-{i}", i == 1 ? null : $"event-{i - 1}",
                FundingJson.ToJObject(new { amount = Money.FromCents(34_132_231L + i), note = $"tranche {i}" }));
            var entry = JournalChain.Append(head, envelope);
            entries.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        return entries;
    }

    public static ChainVerifier Verify(IEnumerable<JournalEntry> entries, ChainHead? recordedHead = null)
    {
        var verifier = new ChainVerifier();
        foreach (var entry in entries) verifier.Accept(entry);
        if (recordedHead is not null) verifier.AcceptRecordedHead(recordedHead);
        return verifier;
    }

    public static ChainHead HeadOf(IReadOnlyList<JournalEntry> entries) => new(entries[^1].Sequence, entries[^1].Hash);

    /// <summary>The chain with entry <paramref name="sequence"/> replaced.</summary>
    public static List<JournalEntry> With(IReadOnlyList<JournalEntry> entries, long sequence, Func<JournalEntry, JournalEntry> change) =>
        entries.Select(e => e.Sequence == sequence ? change(e) : e).ToList();

    /// <summary>The entry with one content field changed, its stored hash left as it was.</summary>
    public static JournalEntry WithContent(JournalEntry entry, Action<JObject> edit)
    {
        var content = entry.ContentJson();
        edit(content);
        return entry with { Content = content.ToString(Formatting.None) };
    }
}
