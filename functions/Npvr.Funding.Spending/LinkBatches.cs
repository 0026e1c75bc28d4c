using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>A staged event with the personal data staged beside it, and the people (subject keys) that data belongs to.</summary>
internal sealed record StagedEvent(TableEntity Row, IReadOnlyList<KeptPersonalValue> PersonalData, IReadOnlyList<string> SubjectKeys)
{
    public static StagedEvent Of(TableEntity row)
    {
        var personal = StagedJournal.PersonalDataOf(row);
        return new StagedEvent(row, personal, [.. personal.SelectMany(v => v.SubjectKeys).Distinct(StringComparer.Ordinal)]);
    }
}

/// <summary>
/// Staged events cut into link transactions in key order: the head, an entry insert and a staged-row delete per event,
/// and one index row per person named in the transaction, at most <see cref="PartitionWrite.MaxActions"/> in all.
/// </summary>
internal static class LinkBatches
{
    public static IEnumerable<List<StagedEvent>> Of(IReadOnlyList<TableEntity> staged, int maxEvents)
    {
        var batch = new List<StagedEvent>(maxEvents);
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in staged)
        {
            var next = StagedEvent.Of(row);
            var newPeople = next.SubjectKeys.Count(k => !people.Contains(k));
            // 1 head + 2 per event + 1 per person; an event alone always fits (at most 16 values, two keys each).
            if (batch.Count > 0 && (batch.Count >= maxEvents || 1 + 2 * (batch.Count + 1) + people.Count + newPeople > PartitionWrite.MaxActions))
            {
                yield return batch;
                batch = new List<StagedEvent>(maxEvents);
                people.Clear();
            }
            batch.Add(next);
            people.UnionWith(next.SubjectKeys);
        }
        if (batch.Count > 0) yield return batch;
    }
}
