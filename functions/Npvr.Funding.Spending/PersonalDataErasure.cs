using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>Who erases, when, why, and under which id: the same for every region of one request.</summary>
public sealed record ErasureContext(string ErasureId, DateTimeOffset ErasedAt, string Reason, Actor Actor, string CorrelationId, string CausationId);

/// <summary>What one region's erasure did: entries whose values were erased, how many values, and whether more is left.</summary>
public sealed record RegionErasure(string RegionId, int Entries, int Values, int IndexRows, bool Remaining);

/// <summary>
/// Erases one person's clear values and salts beside one region's journal entries (issue 12, point 6). The region's
/// staged events are linked first, so none of the person's values waits outside the index; then the person's index
/// rows are erased in transactions of up to 100 actions: the entry rows' PersonalData columns merged under their ETags
/// with the values erased, the index rows deleted, and a PersonalDataErased record staged for the chain naming the
/// sequences, so no erasure is silent. The hashed
/// content, the hashes, the Merkle tree and every checkpoint stay exactly as they were.
/// </summary>
public sealed class PersonalDataErasure(JournalStore store, JournalLinker linker)
{
    /// <summary>Races with another writer of the same rows (another erasure, a Merkle backfill) before giving up with a 503.</summary>
    public const int MaxAttempts = 8;

    public async Task<RegionErasure> EraseAsync(string regionId, string subjectKey, ErasureContext context, int maxIndexRows, CancellationToken cancellationToken)
    {
        await linker.LinkAsync(regionId, cancellationToken);
        var table = await store.TableAsync(cancellationToken);
        var (from, to) = PersonalDataRows.IndexRange(subjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {regionId} and RowKey ge {from} and RowKey lt {to}");
        var index = new List<TableEntity>();
        // Bounded by maxIndexRows (+1 to learn whether more is left); each row names at most one link transaction's entries.
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxIndexRows + 1, 1000), cancellationToken: cancellationToken))
        {
            index.Add(row);
            if (index.Count > maxIndexRows) break;
        }
        var (entries, values) = (0, 0);
        foreach (var group in Groups(index.Take(maxIndexRows)))
        {
            var erased = await EraseGroupAsync(table, regionId, group, subjectKey, context, cancellationToken);
            (entries, values) = (entries + erased.Entries, values + erased.Values);
        }
        if (entries > 0) await linker.LinkAsync(regionId, cancellationToken); // the PersonalDataErased records
        return new RegionErasure(regionId, entries, values, Math.Min(index.Count, maxIndexRows), Remaining: index.Count > maxIndexRows);
    }

    /// <summary>Index rows erased in one transaction: an entry merge per sequence, a delete per index row, and the record.</summary>
    private static IEnumerable<List<TableEntity>> Groups(IEnumerable<TableEntity> index)
    {
        var (group, actions) = (new List<TableEntity>(), 1);
        foreach (var row in index)
        {
            var cost = PersonalDataRows.SequencesOf(row).Count + 1;
            if (group.Count > 0 && actions + cost > PartitionWrite.MaxActions)
            {
                yield return group;
                (group, actions) = (new List<TableEntity>(), 1);
            }
            group.Add(row);
            actions += cost;
        }
        if (group.Count > 0) yield return group;
    }

    private static async Task<(int Entries, int Values)> EraseGroupAsync(TableClient table, string regionId, List<TableEntity> index, string subjectKey,
        ErasureContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var sequences = index.SelectMany(PersonalDataRows.SequencesOf).Distinct().Order().ToList();
            var rows = await Task.WhenAll(sequences.Select(s => table.GetEntityIfExistsAsync<TableEntity>(regionId, JournalStore.EntryKey(s), cancellationToken: cancellationToken)));
            var write = new PartitionWrite(regionId);
            var (erased, values) = (new List<long>(sequences.Count), 0);
            foreach (var row in rows.Where(r => r.HasValue).Select(r => r.Value!))
            {
                var kept = PersonalDataRows.Read(row);
                bool Erasable(KeptPersonalValue v) => v.Erased is null && v.SubjectKeys.Contains(subjectKey);
                var count = kept.Count(Erasable);
                if (count == 0) continue; // erased before (an index row that outlived a crash between its erasures)
                var after = kept.Select(v => Erasable(v) ? v.Erase(new PersonalErasure(context.ErasureId, context.ErasedAt)) : v).ToList();
                write.Merge(new TableEntity(regionId, row.RowKey) { [PersonalDataRows.Property] = PersonalDataRows.Write(after) }, row.ETag);
                erased.Add(row.GetInt64("Sequence") ?? 0);
                values += count;
            }
            foreach (var row in index) write.Delete(row, row.ETag);
            if (erased.Count > 0) write.Stage(Record(regionId, erased, values, context), context.ErasedAt, 0);
            if (await TableCommit.CommitAsync(table, write, cancellationToken) == CommitOutcome.Committed) return (erased.Count, values);
            // Someone changed an entry row or took an index row (another erasure of the same person): read them again.
            var again = await Task.WhenAll(index.Select(r => table.GetEntityIfExistsAsync<TableEntity>(regionId, r.RowKey, cancellationToken: cancellationToken)));
            index = [.. again.Where(r => r.HasValue).Select(r => r.Value!)];
            if (index.Count == 0) return (0, 0);
            await ConflictBackoff.DelayAsync(attempt, cancellationToken);
        }
        throw new WriteContentionException(regionId, MaxAttempts);
    }

    private static EventEnvelope Record(string regionId, List<long> sequences, int values, ErasureContext context) =>
        EventEnvelope.Create(EventTypes.PersonalDataErased, new PersonalDataErased(context.ErasureId, regionId, sequences, values, context.Reason, context.ErasedAt),
            context.ErasedAt, regionId, null, context.CorrelationId, context.CausationId, context.Actor);
}
