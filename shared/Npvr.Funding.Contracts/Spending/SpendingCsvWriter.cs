using System.Globalization;
using CsvHelper;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Contracts.Spending;

public static partial class SpendingCsv
{
    /// <summary>
    /// Writes the header and one record per entry, in the order given (the query's: bookedOn, then entryId), with all
    /// columns of <see cref="SpendingCsvColumns.All"/>: comma separated, CRLF, RFC 4180 quoting, UTF-8 without BOM.
    /// Streams: entries are enumerated once and written through a fixed buffer, so memory does not grow with the
    /// export. No cap on the count: an export is the whole filtered ledger, bounded by what the query yields.
    /// Text is written as stored (no formula escaping), so the file re-imports byte for byte; spreadsheet users
    /// should open it as text.
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<SpendingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. SpendingCsvColumns.All]);
        foreach (var entry in entries) csv.WriteRecord(Fields(entry));
        csv.Flush();
    }

    /// <summary><see cref="Write(TextWriter, IEnumerable{SpendingEntry})"/> to UTF-8 bytes.</summary>
    public static void Write(Stream utf8, IEnumerable<SpendingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(entries);
        using var csv = CsvWriter.Create(utf8, WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. SpendingCsvColumns.All]);
        foreach (var entry in entries) csv.WriteRecord(Fields(entry));
        csv.Flush();
    }

    /// <summary><see cref="Write(TextWriter, IEnumerable{SpendingEntry})"/> for entries read page by page from storage.</summary>
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<SpendingEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        await using (csv)
        {
            csv.WriteHeader([.. SpendingCsvColumns.All]);
            await foreach (var entry in entries.WithCancellation(cancellationToken))
                await csv.WriteRecordAsync(Fields(entry), cancellationToken);
            await csv.FlushAsync(cancellationToken);
        }
    }

    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        WriteByteOrderMark = false,
    };

    /// <summary>The cells of one entry in <see cref="SpendingCsvColumns.All"/> order; null writes an empty cell.</summary>
    private static string?[] Fields(SpendingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.EntryId.ToString("D"),
            entry.ProgrammeId,
            entry.BookedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entry.Amount.ToString(),
            entry.Vat.ToString(),
            entry.CompensableVat.ToString(),
            entry.Category.WireName(),
            entry.Counterparty,
            entry.InvoiceReference,
            entry.Description,
            entry.OnwardTransferTo?.Name,
            entry.OnwardTransferTo?.KvkNumber,
            entry.ReversesEntryId?.ToString("D"),
            entry.Reason,
        ];
    }
}
