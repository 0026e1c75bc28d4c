using System.Text.Unicode;
using CsvHelper;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The CSV wire format of the spending ledger (issue 8): import with <see cref="Parse(string, SpendingContext?, int)"/>,
/// export with <see cref="Write(TextWriter, IEnumerable{SpendingEntry})"/>; an export re-imports unchanged.
/// Columns: <see cref="SpendingCsvColumns"/>. Input is UTF-8 with or without BOM (bytes that are not UTF-8 are refused
/// per cell, never replaced), comma or semicolon separated (decided by the header line), RFC 4180 quoting with line
/// breaks inside quoted fields. Empty lines are skipped but counted in line numbers.
/// </summary>
public static partial class SpendingCsv
{
    /// <summary>Data records (the header not counted) of one import: the limit for one all-or-nothing job.</summary>
    public const int MaxDataLines = 50_000;

    /// <summary>Errors listed in one answer: a file with more is the wrong file, and the answer stays readable.</summary>
    public const int MaxReportedErrors = 10_000;

    /// <summary>
    /// The largest record CsvHelper buffers: a full legal row is under 12 KiB of UTF-8, so an unclosed quote near the start
    /// of a large file is refused here instead of swallowing the file into memory.
    /// </summary>
    public const int MaxRecordBytes = 64 * 1024;

    /// <summary>
    /// Parses CSV text as the host hands a request body over (already decoded; a leading U+FEFF is skipped). Without a
    /// context only the format is checked; with it, every row also meets the spending rules of
    /// <see cref="SpendingEntries.Record"/>. Since text here was decoded before, a U+FFFD left by a lenient decoder
    /// for invalid bytes is refused by the text rules.
    /// </summary>
    public static SpendingCsvResult Parse(string csv, SpendingContext? context = null, int maxDataLines = MaxDataLines)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = CsvInput.FirstLine(csv);
        return CsvInput.SeparatorOf(header) is { } separator
            ? Read(CsvReader.FromText(csv, Options(separator, out var malformed)), separator, malformed, context, maxDataLines)
            : SeparatorMissing();
    }

    /// <summary>Parses UTF-8 bytes from a stream (read forward only, never all at once), as <see cref="Parse(string, SpendingContext?, int)"/>.</summary>
    public static SpendingCsvResult Parse(Stream csv, SpendingContext? context = null, int maxDataLines = MaxDataLines)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var start = CsvInput.ReadStart(csv, out var length);
        if (CsvInput.EncodingError(start.AsSpan(0, length)) is { } encodingError)
            return Rejected(new CsvLineError(1, "", ErrorKind.Invalid, "encoding-not-utf8", encodingError));
        if (CsvInput.SeparatorOf(CsvInput.FirstLine(start.AsSpan(0, length))) is not { } separator) return SeparatorMissing();
        var input = new PrefixedStream(start, length, csv);
        return Read(CsvReader.Create(input, Options(separator, out var malformed), leaveOpen: true), separator, malformed, context, maxDataLines);
    }

    private static CsvReaderOptions Options(char separator, out Dictionary<long, CsvMalformedReason> malformed)
    {
        var found = new Dictionary<long, CsvMalformedReason>();
        malformed = found;
        return CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = record => found.TryAdd(record.LineNumber, record.Reason),
        };
    }

    private static SpendingCsvResult Read(CsvReader reader, char separator, Dictionary<long, CsvMalformedReason> malformed, SpendingContext? context,
        int maxDataLines)
    {
        using (reader)
        {
            try
            {
                var columns = SpendingCsvHeader.Resolve(reader.Headers, out var headerErrors);
                if (headerErrors.Count > 0) return Rejected([.. headerErrors]);
                return ReadRecords(reader, columns!, separator, malformed, context, maxDataLines);
            }
            catch (CsvFormatException e)
            {
                // Only an over-long record throws with the options above (malformed quoting is recovered and reported).
                return Rejected(new CsvLineError(Math.Max(e.LineNumber, 1), "", ErrorKind.Invalid, "record-too-large",
                    $"A record starting on this line is longer than {MaxRecordBytes} bytes; a quote is probably not closed."));
            }
        }
    }

    private static SpendingCsvResult ReadRecords(CsvReader reader, int[] columns, char separator, Dictionary<long, CsvMalformedReason> malformed,
        SpendingContext? context, int maxDataLines)
    {
        var import = new SpendingCsvImport(separator, context);
        var dataLines = 0;
        while (reader.Read())
        {
            if (++dataLines > maxDataLines) return new SpendingCsvTooLarge(maxDataLines);
            var line = reader.LineNumber;
            if (malformed.Remove(line, out var reason))
                import.AddError(line, "", ErrorKind.Invalid, "csv-malformed", Describe(reason));
            else if (reader.FieldCount != columns.Length)
                import.AddError(line, "", ErrorKind.Invalid, "field-count-mismatch", $"The record has {reader.FieldCount} fields; the header has {columns.Length}.");
            else
                import.AddRow(line, Cells(reader, columns, out var cellErrors), cellErrors);
        }
        return import.Finish();
    }

    /// <summary>The record's cells by column (<see cref="SpendingCsvColumns.All"/> order); a cell that is not UTF-8 is an error.</summary>
    private static string?[] Cells(CsvReader reader, int[] columns, out List<CellError> errors)
    {
        errors = [];
        var cells = new string?[SpendingCsvColumns.All.Count];
        for (var field = 0; field < columns.Length; field++)
        {
            var column = SpendingCsvColumns.All[columns[field]];
            if (!Utf8.IsValid(reader.GetSpan(field)))
                errors.Add(new CellError(column, "invalid-utf8", $"{column} holds bytes that are not UTF-8; save the file as UTF-8."));
            else
                cells[columns[field]] = reader.GetString(field) is { Length: > 0 } value ? value : null;
        }
        return cells;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A quote inside an unquoted field: quote the whole field and double the quotes inside it.",
        CsvMalformedReason.TextAfterClosingQuote => "Text after the closing quote of a field: double the quotes inside a quoted field.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed: the rest of the file was read as part of it.",
        _ => $"The record is not valid CSV ({reason}).",
    };

    private static SpendingCsvRejected SeparatorMissing() => Rejected(new CsvLineError(1, "", ErrorKind.Invalid, "header-separator-unknown",
        "The first line must be the header, its columns separated by commas or by semicolons (not both)."));

    private static SpendingCsvRejected Rejected(params CsvLineError[] errors) => new(errors, errors.Select(e => e.Line).Distinct().Count(), errors.Length, false);
}
