using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using C = Npvr.Funding.Contracts.Spending.SpendingCsvColumns;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// Collects the rows of one file and every refusal in it: cell formats, duplicate entryIds and, given a context, the
/// spending rules of each row and of each reversal against an original in the same file.
/// </summary>
internal sealed class SpendingCsvImport(char separator, SpendingContext? context)
{
    private readonly List<CsvLineError> _errors = [];
    private readonly HashSet<(long Line, string Column, string Type)> _reported = [];
    private readonly HashSet<long> _badLines = [];
    private readonly List<PendingRow> _rows = [];
    private readonly Dictionary<Guid, PendingRow> _rowByEntryId = [];
    private long _totalErrors;

    public void AddError(long line, string column, ErrorKind kind, string type, string reason)
    {
        if (!_reported.Add((line, column, type))) return;
        _badLines.Add(line);
        _totalErrors++;
        if (_errors.Count < SpendingCsv.MaxReportedErrors) _errors.Add(new CsvLineError(line, column, kind, type, reason));
    }

    public void AddRow(long line, string?[] cells, List<CellError> cellErrors)
    {
        var (command, reversesEntryId, reason) = SpendingCsvCells.Read(cells, separator, cellErrors);
        foreach (var error in cellErrors) AddError(line, error.Column, ErrorKind.Invalid, error.Type, error.Reason);
        var row = new PendingRow(line, command, reversesEntryId, reason, [.. cellErrors.Select(e => e.Column)]);
        _rows.Add(row);
        CheckUniqueEntryId(row);
        if (reversesEntryId is { } reversed) CheckReversalEntryId(row, reversed);
        else if (reason is not null)
            AddError(line, C.Reason, ErrorKind.Invalid, "reason-without-reversal", "reason belongs to a reversal row: fill reversesEntryId or leave reason empty.");
        if (context is null) return;
        if (row.IsReversal) CheckReversalRowAlone(row, context);
        else row.Entry = Report(row, SpendingEntries.Record(command, context));
    }

    public SpendingCsvResult Finish()
    {
        if (context is not null) CheckReversalsInFile(context);
        if (_totalErrors > 0)
        {
            var ordered = _errors.OrderBy(e => e.Line).ThenBy(e => C.Order(e.Column)).ToList();
            return new SpendingCsvRejected(ordered, _badLines.Count, _totalErrors, _totalErrors > _errors.Count);
        }
        return new SpendingCsvParsed(separator, [.. _rows.Select(r => new SpendingCsvRow(r.Line, r.Command, r.ReversesEntryId, r.Reason, r.OriginalLine))]);
    }

    private void CheckUniqueEntryId(PendingRow row)
    {
        if (!Guid.TryParseExact(row.Command.EntryId, "D", out var id)) return;
        if (_rowByEntryId.TryGetValue(id, out var first))
            AddError(row.Line, C.EntryId, ErrorKind.Invalid, "entry-id-duplicate", $"entryId {id} is also on line {first.Line}; every entry has its own id.");
        else _rowByEntryId[id] = row;
    }

    private void CheckReversalEntryId(PendingRow row, Guid reversed)
    {
        var expected = ReversalIds.Of(reversed);
        if (Guid.TryParseExact(row.Command.EntryId, "D", out var id) && id != expected)
            AddError(row.Line, C.EntryId, ErrorKind.Invalid, "reversal-entry-id-mismatch",
                $"The reversal of {reversed} has entryId {expected} (derived from the original's id), not {id}.");
    }

    /// <summary>
    /// The rules a reversal row meets whatever its original: a reason, and the columns of an entry whose amounts are
    /// negated (so the row's negation passes the entry rules, year-closed included).
    /// </summary>
    private void CheckReversalRowAlone(PendingRow row, SpendingContext spending)
    {
        var errors = new List<FieldError>();
        SpendingText.Required("reason", "reason", row.Reason, SpendingText.MaxReasonLength, multiLine: true, errors);
        var negated = row.Command with
        {
            EntryId = row.ReversesEntryId!.Value.ToString("D"),
            Amount = -row.Command.Amount,
            Vat = -row.Command.Vat,
            CompensableVat = -row.Command.CompensableVat,
        };
        var record = SpendingEntries.Record(negated, spending);
        errors.AddRange(record.Errors.Where(e => e.Field != "entryId").Select(AsReversalAmountError));
        Report(row, errors);
    }

    private static FieldError AsReversalAmountError(FieldError error) =>
        error.Field is "amount" or "vat" or "compensableVat" && !error.Type.EndsWith("-required", StringComparison.Ordinal)
            ? FieldError.Invalid(error.Field, "reversal-amounts-invalid",
                $"{error.Field}: a reversal row shows its original's amounts negated: amount below zero, amount <= vat <= 0 and vat <= compensableVat <= 0.")
            : error;

    private void CheckReversalsInFile(SpendingContext spending)
    {
        var reversedOnLine = new Dictionary<Guid, long>();
        foreach (var row in _rows.Where(r => r.IsReversal))
        {
            var reversed = row.ReversesEntryId!.Value;
            if (!reversedOnLine.TryAdd(reversed, row.Line))
                AddError(row.Line, C.ReversesEntryId, ErrorKind.Conflict, "entry-already-reversed", $"Line {reversedOnLine[reversed]} reverses entry {reversed} already.");
            if (!_rowByEntryId.TryGetValue(reversed, out var original)) continue;
            if (original.IsReversal)
            {
                AddError(row.Line, C.ReversesEntryId, ErrorKind.Conflict, "reversal-not-reversible", $"Line {original.Line} is itself a reversal and cannot be reversed.");
                continue;
            }
            if (original.Entry is null) continue; // its own errors are reported on its line
            var closedYears = spending.Programme(original.Entry.ProgrammeId)?.ClosedYears ?? new HashSet<int>();
            var decision = SpendingEntries.TryReverse(original.Entry, null, row.Reason, closedYears);
            if (Report(row, decision) is { } made)
            {
                Report(row, SpendingEntries.CompareReversalRow(made.Reversal, row.Command));
                row.OriginalLine = original.Line;
            }
        }
    }

    private T? Report<T>(PendingRow row, Validated<T> validated) where T : class
    {
        Report(row, validated.Errors);
        return validated.IsValid ? validated.Value : null;
    }

    private void Report(PendingRow row, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var column = C.OfField(error.Field);
            if (!row.BadColumns.Contains(column)) AddError(row.Line, column, error.Error.Kind, error.Type, error.Detail);
        }
    }

    private sealed class PendingRow(long line, RecordSpending command, Guid? reversesEntryId, string? reason, HashSet<string> badColumns)
    {
        public long Line { get; } = line;
        public RecordSpending Command { get; } = command;
        public Guid? ReversesEntryId { get; } = reversesEntryId;
        public string? Reason { get; } = reason;
        public HashSet<string> BadColumns { get; } = badColumns;
        public bool IsReversal => ReversesEntryId is not null;
        public SpendingEntry? Entry { get; set; }
        public long? OriginalLine { get; set; }
    }
}
