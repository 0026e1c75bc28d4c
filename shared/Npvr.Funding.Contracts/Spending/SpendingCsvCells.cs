using System.Globalization;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using C = Npvr.Funding.Contracts.Spending.SpendingCsvColumns;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>A format problem in one cell, found before the spending rules look at the row.</summary>
internal sealed record CellError(string Column, string Type, string Reason);

/// <summary>
/// Turns the cells of one record (indexed as <see cref="SpendingCsvColumns.All"/>; null for an empty cell or a column
/// the file lacks) into the JSON body's command. Structured cells (ids, dates, amounts, category, KvK number) are
/// trimmed; free text is left to the spending rules, which trim it. Dates are yyyy-MM-dd. Amounts are "1234.56"; in a
/// semicolon-separated file "1234,56" is read the same, because Dutch spreadsheet exports write a decimal comma there
/// and a comma cannot be a separator in such a file. Thousands separators are refused either way.
/// </summary>
internal static class SpendingCsvCells
{
    public static (RecordSpending Command, Guid? ReversesEntryId, string? Reason) Read(string?[] cells, char separator, List<CellError> errors)
    {
        var onwardName = cells[C.IndexOf(C.OnwardTransferName)];
        var onwardKvk = Trimmed(cells[C.IndexOf(C.OnwardTransferKvk)]);
        var command = new RecordSpending(
            Trimmed(cells[C.IndexOf(C.EntryId)]),
            Trimmed(cells[C.IndexOf(C.ProgrammeId)]),
            Date(C.BookedOn, cells, errors),
            Amount(C.Amount, cells, separator, errors),
            Amount(C.Vat, cells, separator, errors),
            Amount(C.CompensableVat, cells, separator, errors),
            Trimmed(cells[C.IndexOf(C.Category)]),
            cells[C.IndexOf(C.Counterparty)],
            cells[C.IndexOf(C.InvoiceReference)],
            cells[C.IndexOf(C.Description)],
            string.IsNullOrWhiteSpace(onwardName) && onwardKvk is null ? null : new OnwardTransferInput(onwardName, onwardKvk));
        return (command, ReversesEntryId(cells, errors), string.IsNullOrWhiteSpace(cells[C.IndexOf(C.Reason)]) ? null : cells[C.IndexOf(C.Reason)]);
    }

    private static string? Trimmed(string? cell) => string.IsNullOrWhiteSpace(cell) ? null : cell.Trim();

    private static DateOnly? Date(string column, string?[] cells, List<CellError> errors)
    {
        if (Trimmed(cells[C.IndexOf(column)]) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(new CellError(column, "booked-on-malformed", $"{column} '{Shorten(text)}' is not a date written as yyyy-MM-dd, e.g. 2025-03-14."));
        return null;
    }

    private static Money? Amount(string column, string?[] cells, char separator, List<CellError> errors)
    {
        if (Trimmed(cells[C.IndexOf(column)]) is not { } text) return null;
        var wire = separator == ';' && IsDecimalCommaAmount(text) ? text.Replace(',', '.') : text;
        if (Money.TryParse(wire, out var money, out var error)) return money;
        var type = column == C.CompensableVat ? "compensable-vat-malformed" : $"{column}-malformed";
        var hint = separator == ';' ? " (a decimal comma is accepted in a semicolon file)" : "";
        errors.Add(new CellError(column, type, $"{column}: {error} Write amounts as 1234.56{hint}, without thousands separators."));
        return null;
    }

    private static bool IsDecimalCommaAmount(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && comma == text.Length - 3 && text.Count(c => c == ',') == 1 && !text.Contains('.', StringComparison.Ordinal);
    }

    private static Guid? ReversesEntryId(string?[] cells, List<CellError> errors)
    {
        if (Trimmed(cells[C.IndexOf(C.ReversesEntryId)]) is not { } text) return null;
        if (Guid.TryParseExact(text, "D", out var id) && id != Guid.Empty) return id;
        errors.Add(new CellError(C.ReversesEntryId, "reverses-entry-id-malformed", $"reversesEntryId '{Shorten(text)}' is not a UUID (8-4-4-4-12 hex digits)."));
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
