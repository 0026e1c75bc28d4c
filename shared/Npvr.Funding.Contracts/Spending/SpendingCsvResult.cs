using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// One refusal in a CSV file. <see cref="Line"/> is the physical line where the record starts (1 = the header);
/// <see cref="Column"/> is a column name, or "" for the whole line or file. <see cref="Kind"/> is Invalid, or
/// Conflict for year-closed (an import whose errors are all conflicts answers 409, otherwise 400).
/// </summary>
public sealed record CsvLineError(long Line, string Column, ErrorKind Kind, string Type, string Reason);

/// <summary>
/// One data record of the file. A plain row records <see cref="Entry"/>. A reversal row (<see cref="IsReversal"/>)
/// reverses <see cref="ReversesEntryId"/> with <see cref="Reason"/>; its other columns show the reversal as an export
/// writes it (the original's figures negated) and must agree with SpendingEntries.TryReverse of the original:
/// the parser checked that when the original is in the file (<see cref="OriginalLine"/>); otherwise the app checks it
/// against the stored original with SpendingEntries.CompareReversalRow. Apply plain rows before reversal rows.
/// </summary>
public sealed record SpendingCsvRow(long Line, RecordSpending Entry, Guid? ReversesEntryId, string? Reason, long? OriginalLine)
{
    public bool IsReversal => ReversesEntryId is not null;
}

/// <summary>What a parse found: every row, or every refusal, or a file over the line limit.</summary>
public abstract record SpendingCsvResult;

/// <summary>Every data record parsed and passed the checks; rows in file order.</summary>
public sealed record SpendingCsvParsed(char Separator, IReadOnlyList<SpendingCsvRow> Rows) : SpendingCsvResult
{
    public IEnumerable<SpendingCsvRow> Records => Rows.Where(r => !r.IsReversal);
    public IEnumerable<SpendingCsvRow> Reversals => Rows.Where(r => r.IsReversal);
}

/// <summary>
/// The file is refused as a whole. <see cref="Errors"/> are ordered by line and column, at most
/// SpendingCsv.MaxReportedErrors of them (<see cref="Truncated"/> then, <see cref="TotalErrors"/> counts all).
/// </summary>
public sealed record SpendingCsvRejected(IReadOnlyList<CsvLineError> Errors, int BadLines, long TotalErrors, bool Truncated) : SpendingCsvResult
{
    public bool AllConflicts => Errors.Count > 0 && Errors.All(e => e.Kind == ErrorKind.Conflict);
}

/// <summary>The file has more data records than <see cref="MaxDataLines"/>; reading stopped there (413 with the limit).</summary>
public sealed record SpendingCsvTooLarge(int MaxDataLines) : SpendingCsvResult;
