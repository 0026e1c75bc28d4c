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
/// staged events are linked first, so none of the person's values waits outside the index; then each index row of the
/// person is one transaction: the entry rows' PersonalData columns merged under their ETags with the values erased,
/// the index row deleted, and a PersonalDataErased record staged for the chain, so no erasure is silent. The hashed
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
        var (entries, values, rows) = (0, 0, 0);
        // Bounded by maxIndexRows (+1 to learn whether more is left); each row names at most one transaction's entries.
        await foreach (var index in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxIndexRows + 1, 1000), cancellationToken: cancellationToken))
        {
            if (rows == maxIndexRows) return new RegionErasure(regionId, entries, values, rows, Remaining: true);
            var (erasedEntries, erasedValues) = await EraseIndexRowAsync(table, regionId, index, subjectKey, context, cancellationToken);
            (entries, values, rows) = (entries + erasedEntries, values + erasedValues, rows + 1);
        }
        if (entries > 0) await linker.LinkAsync(regionId, cancellationToken); // the PersonalDataErased records
        return new RegionErasure(regionId, entries, values, rows, Remaining: false);
    }

    private static async Task<(int Entries, int Values)> EraseIndexRowAsync(TableClient table, string regionId, TableEntity index, string subjectKey,
        ErasureContext context, CancellationToken cancellationToken)
    {
        var sequences = PersonalDataRows.SequencesOf(index);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var rows = await Task.WhenAll(sequences.Select(s => table.GetEntityIfExistsAsync<TableEntity>(regionId, JournalStore.EntryKey(s), cancellationToken: cancellationToken)));
            var write = new PartitionWrite(regionId);
            var (erased, values) = (new List<long>(sequences.Count), 0);
            foreach (var row in rows.Where(r => r.HasValue).Select(r => r.Value!))
            {
                var kept = PersonalDataRows.Read(row);
                bool Erasable(KeptPersonalValue v) => v.Erased is null && v.SubjectKeys.Contains(subjectKey);
                var count = kept.Count(Erasable);
                if (count == 0) continue; // erased before (the index row outlived a crash between its erasures)
                var after = kept.Select(v => Erasable(v) ? v.Erase(new PersonalErasure(context.ErasureId, context.ErasedAt)) : v).ToList();
                write.Merge(new TableEntity(regionId, row.RowKey) { [PersonalDataRows.Property] = PersonalDataRows.Write(after) }, row.ETag);
                erased.Add(row.GetInt64("Sequence") ?? 0);
                values += count;
            }
            write.Delete(index, index.ETag);
            if (erased.Count > 0) write.Stage(Record(regionId, erased, values, context), context.ErasedAt, 0);
            switch (await TableCommit.CommitAsync(table, write, cancellationToken))
            {
                case CommitOutcome.Committed:
                    return (erased.Count, values);
                default:
                    // Someone else changed an entry row or took the index row (another erasure of the same person).
                    var again = await table.GetEntityIfExistsAsync<TableEntity>(regionId, index.RowKey, cancellationToken: cancellationToken);
                    if (!again.HasValue) return (0, 0);
                    index = again.Value!;
                    await ConflictBackoff.DelayAsync(attempt, cancellationToken);
                    break;
            }
        }
        throw new WriteContentionException(regionId, MaxAttempts);
    }

    private static EventEnvelope Record(string regionId, List<long> sequences, int values, ErasureContext context) =>
        EventEnvelope.Create(EventTypes.PersonalDataErased, new PersonalDataErased(context.ErasureId, regionId, sequences, values, context.Reason, context.ErasedAt),
            context.ErasedAt, regionId, null, context.CorrelationId, context.CausationId, context.Actor);
}
