using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Spending;

/// <summary>
/// One record of an import as the job writes it: the entry (a plain row, or the reversal of an original in the same
/// file), or a reversal whose original must be found in the ledger (<see cref="ReversesStored"/>).
/// </summary>
internal sealed record ImportRecord(long Line, SpendingEntry? Entry, StoredReversal? ReversesStored);

/// <summary>A reversal row whose original is not in the file: checked against, and made from, the stored original.</summary>
internal sealed record StoredReversal(Guid ReversesEntryId, string? Reason, RecordSpending Shown);

/// <summary>The chunk texts of a file; entries come first, reversals from chunk <see cref="EntryChunks"/> on.</summary>
internal sealed record ImportChunks(IReadOnlyList<string> Texts, int EntryChunks);

/// <summary>
/// A parsed file cut into chunks, the unit the job writes and reports progress in: plain entries first, then
/// reversals (a chunk never mixes them), so every original is written before a reversal that names it.
/// </summary>
internal static class ImportPlan
{
    /// <summary>A chunk's events are marked published in one transaction, which holds at most 100 actions.</summary>
    public const int MaxRecordsPerChunk = 100;

    /// <summary>Chunks per job message (about 1,000 records, seconds of work), far inside the queue's one-minute lock.</summary>
    public const int ChunksPerSlice = 10;

    public static int Slices(int chunks) => (chunks + ChunksPerSlice - 1) / ChunksPerSlice;

    /// <summary>
    /// The records of a file SpendingCsv.Parse accepted under <paramref name="context"/>, as chunk texts (JSON arrays):
    /// the first <see cref="ImportChunks.EntryChunks"/> hold plain entries, the rest reversals.
    /// </summary>
    public static ImportChunks Chunks(SpendingCsvParsed parsed, SpendingContext context)
    {
        var entries = new Dictionary<long, SpendingEntry>();
        var plain = new List<ImportRecord>();
        foreach (var row in parsed.Records)
        {
            var entry = SpendingEntries.Record(row.Entry, context).Value;
            entries[row.Line] = entry;
            plain.Add(new ImportRecord(row.Line, entry, null));
        }
        var reversals = new List<ImportRecord>();
        foreach (var row in parsed.Reversals)
        {
            reversals.Add(row.OriginalLine is { } originalLine
                ? new ImportRecord(row.Line, SpendingEntries.TryReverse(entries[originalLine], null, row.Reason,
                    context.Programme(entries[originalLine].ProgrammeId)?.ClosedYears ?? new HashSet<int>()).Value.Reversal, null)
                : new ImportRecord(row.Line, null, new StoredReversal(row.ReversesEntryId!.Value, row.Reason, row.Entry)));
        }
        var entryChunks = Cut(plain).ToList();
        return new ImportChunks([.. entryChunks, .. Cut(reversals)], entryChunks.Count);
    }

    public static IReadOnlyList<ImportRecord> Read(string chunkText) => FundingJson.Deserialize<List<ImportRecord>>(chunkText);

    /// <summary>At most <see cref="MaxRecordsPerChunk"/> records, and no more text than one row holds.</summary>
    private static IEnumerable<string> Cut(List<ImportRecord> records)
    {
        var parts = new List<string>(MaxRecordsPerChunk);
        var length = 2;
        foreach (var record in records)
        {
            var json = FundingJson.Serialize(record);
            if (parts.Count == MaxRecordsPerChunk || length + json.Length + 1 > ChunkedText.MaxChars)
            {
                yield return "[" + string.Join(',', parts) + "]";
                (parts, length) = (new List<string>(MaxRecordsPerChunk), 2);
            }
            parts.Add(json);
            length += json.Length + 1;
        }
        if (parts.Count > 0) yield return "[" + string.Join(',', parts) + "]";
    }
}
