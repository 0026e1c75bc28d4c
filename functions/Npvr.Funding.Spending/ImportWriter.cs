using System.Collections.Concurrent;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// The "write" steps of an import: one slice of chunks per message. Each entry is written with its event and staged
/// journal row (four rows, 25 entries per transaction) under its ledger guard, so a repeat finds it written and moves
/// on; a chunk's events are published and marked together, the chunk is marked done (the progress) and the region's
/// journal linked. A write that finds its id taken by another entry (one recorded between the check and the write)
/// fails the job with that line; what was written stays, each entry a valid one.
/// </summary>
public sealed class ImportWriter(JournalStore journal, Outbox outbox, JournalLinker linker, OwnEvents own, TimeProvider clock)
{
    /// <summary>
    /// Ledger row, booked row, outbox row and staged journal row per entry, and at most one region-year mark each
    /// (issue 9: every write of a region-year takes its mark's ETag): 20 entries fill a transaction.
    /// </summary>
    public const int EntriesPerTransaction = PartitionWrite.MaxActions / 5;

    /// <summary>Transactions lost to another writer of the same region-year mark before a batch gives up (each loss is another's progress).</summary>
    private const int MaxMarkConflicts = 32;

    /// <summary>Transactions of one chunk in flight at once: overlaps round trips; they collide only on region-year marks, and retry.</summary>
    private const int ParallelTransactions = 4;

    /// <summary>Chunks of one slice written at once: a single chunk's round trips would leave storage idle most of the time.</summary>
    private const int ParallelChunks = 4;

    internal async Task<ImportStep> WriteSliceAsync(TableClient spending, ImportHeader header, int slice, EventEnvelope cause, CancellationToken cancellationToken)
    {
        var table = await journal.TableAsync(cancellationToken);
        var first = slice * ImportPlan.ChunksPerSlice;
        var last = Math.Min(header.Chunks, first + ImportPlan.ChunksPerSlice);
        var refused = new ImportChecker.Refusals();
        // Entries before reversals: a slice that holds the boundary finishes its entry chunks before it starts on reversals.
        foreach (var (from, to) in new[] { (first, Math.Min(last, header.EntryChunks)), (Math.Max(first, header.EntryChunks), last) })
        {
            await Parallel.ForEachAsync(Enumerable.Range(from, Math.Max(0, to - from)),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelChunks, CancellationToken = cancellationToken },
                async (chunk, ct) => await WriteChunkAsync(spending, table, header, chunk, cause, refused, ct));
        }
        if (refused.Errors.Count > 0)
        {
            await ImportRows.WriteProblemsAsync(spending, header.RegionId, header.ImportId, [.. refused.Errors.OrderBy(e => e.Line)], cancellationToken);
            return new ImportStep(header with { Status = ImportHeader.Failed, CompletedAt = clock.GetUtcNow(), BadLines = refused.BadLines, TotalErrors = refused.Total }, null);
        }
        return last < header.Chunks
            ? new ImportStep(null, new RunSpendingImport(header.RegionId, header.ImportId, RunSpendingImport.Write, slice + 1))
            : new ImportStep(header with { Status = ImportHeader.Completed, CompletedAt = clock.GetUtcNow() }, null);
    }

    /// <summary>Writes a chunk not marked done, publishes its events, marks it done and links the region's journal.</summary>
    private async Task WriteChunkAsync(TableClient spending, TableClient table, ImportHeader header, int chunk, EventEnvelope cause, ImportChecker.Refusals refused,
        CancellationToken cancellationToken)
    {
        if (await ImportRows.IsDoneAsync(spending, header.RegionId, header.ImportId, chunk, cancellationToken)) return;
        var records = await ImportRows.ChunkAsync(spending, header.RegionId, header.ImportId, chunk, cancellationToken);
        var written = new ChunkWritten();
        await WriteEntriesAsync(table, header, chunk, await EntriesAsync(table, header.RegionId, records, written, cancellationToken), cause, written, cancellationToken);
        if (written.Refusals.Errors.Count > 0)
        {
            lock (refused) refused.AddAll(written.Refusals);
            return;
        }
        await ImportRows.MarkDoneAsync(spending, header.RegionId, header.ImportId, chunk, written.Written, written.AlreadyRecorded, cancellationToken);
        await linker.LinkAsync(header.RegionId, cancellationToken);
    }

    /// <summary>
    /// The entries of a chunk with their lines. A reversal of a stored original is made from it again: the check proved
    /// it may be, unless the original was reversed otherwise since, which refuses the line.
    /// </summary>
    private static async Task<List<(long Line, SpendingEntry Entry)>> EntriesAsync(TableClient table, string regionId, IReadOnlyList<ImportRecord> records,
        ChunkWritten result, CancellationToken cancellationToken)
    {
        var entries = new List<(long, SpendingEntry)>(records.Count);
        foreach (var record in records)
        {
            if (record.Entry is { } entry)
            {
                entries.Add((record.Line, entry));
                continue;
            }
            var reversal = await ImportChecker.ReverseStoredAsync(table, regionId, record.ReversesStored!, cancellationToken);
            if (reversal.IsValid) entries.Add((record.Line, reversal.Value.Entry));
            else result.Refuse(record.Line, reversal.Errors);
        }
        return entries;
    }

    private async Task WriteEntriesAsync(TableClient table, ImportHeader header, int chunk, List<(long Line, SpendingEntry Entry)> entries, EventEnvelope cause,
        ChunkWritten result, CancellationToken cancellationToken)
    {
        // One instant and the entry's place in the chunk order its staged rows: the journal links a chunk in file order.
        var at = clock.GetUtcNow();
        var batches = entries.Select((e, index) => (e.Line, e.Entry, Ordinal: index)).Chunk(EntriesPerTransaction).Select((batch, index) => (batch, index));
        // Consecutive batches (and the chunks written at once, which are near each other) take different stripes of the
        // region-year mark, so the transactions in flight rarely condition on the same stripe row.
        var batchesPerChunk = (ImportPlan.MaxRecordsPerChunk + EntriesPerTransaction - 1) / EntriesPerTransaction;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken },
            async (b, ct) => await WriteBatchAsync(table, header, b.batch, (chunk * batchesPerChunk + b.index) % YearMarks.Stripes, at, cause, result, ct));
        own.Staged(result.Messages.Select(m => m.Envelope.EventId));
        // A failed send leaves the rows unmarked: the entries stand and the outbox sweep publishes their events.
        await outbox.PublishAndMarkAsync(table, header.RegionId, [.. result.Messages], cancellationToken);
    }

    /// <summary>Bounded: every failed attempt takes at least one entry out of the batch (written before, or refused).</summary>
    private static async Task WriteBatchAsync(TableClient table, ImportHeader header, (long Line, SpendingEntry Entry, int Ordinal)[] batch, int stripe,
        DateTimeOffset at, EventEnvelope cause, ChunkWritten result, CancellationToken cancellationToken)
    {
        var pending = batch.ToList();
        for (var attempt = 0; attempt <= batch.Length + MaxMarkConflicts && pending.Count > 0; attempt++)
        {
            var marks = await MarksAsync(table, header.RegionId, pending, stripe, cancellationToken);
            pending = WithoutClosedYears(pending, marks, result);
            if (pending.Count == 0) return;
            var write = new PartitionWrite(header.RegionId);
            // The kassier who posted the file, as the job's command carries them (issue 11: every event names its actor).
            var actor = cause.ActingActor();
            foreach (var mark in marks.Where(m => !m.Closed && !m.Closing)) write.TouchOpen(mark);
            var messages = new List<OutboxMessage>(pending.Count);
            foreach (var (_, entry, ordinal) in pending)
            {
                var (recorded, envelope) = LedgerRows.Announce(entry, at, actor, header.CorrelationId, cause.EventId);
                var message = OutboxMessage.Event(envelope);
                write.Record(recorded, envelope, ordinal).Publish(message);
                messages.Add(message);
            }
            if (await TableCommit.CommitAsync(table, write, cancellationToken) == CommitOutcome.Committed)
            {
                result.AddWritten(pending.Count, messages);
                return;
            }
            pending = await WithoutStoredAsync(table, header.RegionId, pending, result, cancellationToken);
            await ConflictBackoff.DelayAsync(Math.Min(attempt + 1, 4), cancellationToken);
        }
        if (pending.Count > 0) throw new InvalidOperationException($"Import {header.ImportId}: a transaction of {pending.Count} entries kept failing.");
    }

    private static async Task<List<YearMark>> MarksAsync(TableClient table, string regionId, List<(long Line, SpendingEntry Entry, int Ordinal)> pending,
        int stripe, CancellationToken cancellationToken)
    {
        var marks = new List<YearMark>();
        foreach (var (programmeId, year) in pending.Select(p => (p.Entry.ProgrammeId, p.Entry.Year)).Distinct())
            marks.Add(await YearMarks.ReadForWriteAsync(table, regionId, programmeId, year, stripe, cancellationToken));
        return marks;
    }

    /// <summary>A year closed since the job's check: its lines are refused like any other conflict, the rest is written.</summary>
    private static List<(long Line, SpendingEntry Entry, int Ordinal)> WithoutClosedYears(List<(long Line, SpendingEntry Entry, int Ordinal)> pending,
        List<YearMark> marks, ChunkWritten result)
    {
        var closed = marks.Where(m => m.Closed || m.Closing).Select(m => (m.ProgrammeId, m.Year)).ToHashSet();
        if (closed.Count == 0) return pending;
        foreach (var item in pending.Where(p => closed.Contains((p.Entry.ProgrammeId, p.Entry.Year))))
            result.Refuse(item.Line, [FieldError.Conflict("bookedOn", "year-closed", $"{item.Entry.ProgrammeId} {item.Entry.Year} is closed and sealed; nothing booked in it can be recorded.")]);
        return [.. pending.Where(p => !closed.Contains((p.Entry.ProgrammeId, p.Entry.Year)))];
    }

    /// <summary>Takes out the entries stored already: the same entry (an earlier attempt wrote it) counts as recorded, another one is refused.</summary>
    private static async Task<List<(long Line, SpendingEntry Entry, int Ordinal)>> WithoutStoredAsync(TableClient table, string regionId,
        List<(long Line, SpendingEntry Entry, int Ordinal)> pending, ChunkWritten result, CancellationToken cancellationToken)
    {
        var remaining = new List<(long, SpendingEntry, int)>(pending.Count);
        foreach (var item in pending)
        {
            var stored = await LedgerRows.FingerprintAsync(table, regionId, item.Entry.EntryId, cancellationToken);
            var outcome = SpendingImports.Classify(item.Entry, stored?.Fingerprint);
            if (!outcome.IsValid) result.Refuse(item.Line, outcome.Errors);
            else if (outcome.Value.State == ImportRecordState.AlreadyRecorded) result.AddAlreadyRecorded();
            else remaining.Add(item);
        }
        return remaining;
    }

    private sealed class ChunkWritten
    {
        private int _written;
        private int _alreadyRecorded;

        public ConcurrentQueue<OutboxMessage> Messages { get; } = new();
        public ImportChecker.Refusals Refusals { get; } = new();
        public int Written => _written;
        public int AlreadyRecorded => _alreadyRecorded;

        public void AddWritten(int count, IEnumerable<OutboxMessage> messages)
        {
            Interlocked.Add(ref _written, count);
            foreach (var message in messages) Messages.Enqueue(message);
        }

        public void AddAlreadyRecorded() => Interlocked.Increment(ref _alreadyRecorded);

        public void Refuse(long line, IEnumerable<FieldError> errors)
        {
            lock (Refusals) Refusals.Add(line, errors);
        }
    }
}
