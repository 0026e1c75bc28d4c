using Azure.Data.Tables;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Spending;

/// <summary>
/// The "check" step of an import: every record against the stored ledger (an id taken by another entry, a reversal
/// of an entry that is not there, or reversed already with another reason), before anything is written. Rejects the
/// job with every refused line, or sends it on to write.
/// </summary>
public sealed class ImportChecker(JournalStore journal, TimeProvider clock)
{
    /// <summary>Chunks read and checked at once: overlaps round trips without holding much of the file in memory.</summary>
    private const int ParallelChunks = 8;

    internal async Task<ImportStep> CheckAsync(TableClient spending, ImportHeader header, CancellationToken cancellationToken)
    {
        var table = await journal.TableAsync(cancellationToken);
        var lookup = await LedgerLookup.CreateAsync(table, header.RegionId, header.Records, cancellationToken);
        var refusals = new Refusals();
        await Parallel.ForEachAsync(Enumerable.Range(0, header.Chunks), new ParallelOptions { MaxDegreeOfParallelism = ParallelChunks, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var records = await ImportRows.ChunkAsync(spending, header.RegionId, header.ImportId, chunk, ct);
                var stored = await lookup.FingerprintsAsync([.. records.Where(r => r.Entry is not null).Select(r => r.Entry!.EntryId)], ct);
                foreach (var record in records)
                {
                    var outcome = record.Entry is { } entry
                        ? SpendingImports.Classify(entry, stored[entry.EntryId])
                        : await ReverseStoredAsync(table, header.RegionId, record.ReversesStored!, ct);
                    lock (refusals) refusals.Add(record.Line, outcome.Errors);
                }
            });
        if (refusals.Errors.Count == 0) return new ImportStep(header with { Status = ImportHeader.Writing }, new RunSpendingImport(header.RegionId, header.ImportId, RunSpendingImport.Write, 0));
        await ImportRows.WriteProblemsAsync(spending, header.RegionId, header.ImportId, [.. refusals.Errors.OrderBy(e => e.Line)], cancellationToken);
        return new ImportStep(header with
        {
            Status = ImportHeader.Rejected,
            CompletedAt = clock.GetUtcNow(),
            BadLines = refusals.BadLines,
            TotalErrors = refusals.Total,
            Truncated = refusals.Total > refusals.Errors.Count,
        }, null);
    }

    internal static async Task<Validated<ImportRecordOutcome>> ReverseStoredAsync(TableClient table, string regionId, StoredReversal reversal, CancellationToken cancellationToken)
    {
        var original = await LedgerRows.FindAsync(table, regionId, reversal.ReversesEntryId, cancellationToken);
        var existing = await LedgerRows.FindAsync(table, regionId, ReversalIds.Of(reversal.ReversesEntryId), cancellationToken);
        return SpendingImports.ReverseStored(reversal.ReversesEntryId, original?.Entry, existing?.Entry, reversal.Reason, reversal.Shown, new HashSet<int>());
    }

    /// <summary>Refused lines in file order, at most SpendingCsv.MaxReportedErrors listed (all counted), as the synchronous answer lists them.</summary>
    internal sealed class Refusals
    {
        private readonly HashSet<long> _lines = [];

        public List<CsvLineError> Errors { get; } = [];
        public long Total { get; private set; }
        public int BadLines => _lines.Count;

        public void AddAll(Refusals other)
        {
            foreach (var error in other.Errors) Add(error);
            Total += other.Total - other.Errors.Count;
        }

        public void Add(long line, IEnumerable<FieldError> errors)
        {
            foreach (var error in errors)
                Add(new CsvLineError(line, SpendingCsvColumns.OfField(error.Field), error.Error.Kind, error.Type, error.Detail));
        }

        private void Add(CsvLineError error)
        {
            _lines.Add(error.Line);
            if (++Total <= SpendingCsv.MaxReportedErrors) Errors.Add(error);
        }
    }
}
