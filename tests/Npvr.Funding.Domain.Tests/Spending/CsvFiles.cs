using System.Globalization;
using System.Text;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Domain.Tests.Spending;

/// <summary>Builds import files the way a spreadsheet would: quoting only the cells that need it.</summary>
internal static class CsvFiles
{
    public static readonly IReadOnlyList<string> TwelveColumns = SpendingCsvColumns.Required;

    public static string File(char separator, IEnumerable<string?[]> rows, IReadOnlyList<string>? columns = null, string newLine = "\r\n")
    {
        var text = new StringBuilder();
        text.Append(Line(separator, [.. columns ?? TwelveColumns])).Append(newLine);
        foreach (var row in rows) text.Append(Line(separator, row)).Append(newLine);
        return text.ToString();
    }

    public static string Line(char separator, params string?[] cells) => string.Join(separator, cells.Select(c => Quote(c ?? "", separator)));

    public static string?[] Cells(RecordSpending c, char separator = ',', Guid? reversesEntryId = null, string? reason = null, bool withReversalColumns = false)
    {
        string? Amount(Money? m) => m is { } money ? (separator == ';' ? money.ToString().Replace('.', ',') : money.ToString()) : null;
        string?[] twelve =
        [
            c.EntryId, c.ProgrammeId, c.BookedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Amount(c.Amount), Amount(c.Vat), Amount(c.CompensableVat),
            c.Category, c.Counterparty, c.InvoiceReference, c.Description, c.OnwardTransferTo?.Name, c.OnwardTransferTo?.KvkNumber,
        ];
        return withReversalColumns ? [.. twelve, reversesEntryId?.ToString(), reason] : twelve;
    }

    public static RecordSpending Numbered(int n) => SpendingFixture.Valid() with
    {
        EntryId = new Guid(n, 0x1234, 0x4567, 0x89, 0xab, 0, 0, 0, 0, 0, 1).ToString(),
        BookedOn = new DateOnly(2025, 1, 1).AddDays(n % 430),
        Amount = Money.FromCents(1210_00 + n),
        Counterparty = $"Leverancier {n}, afdeling \"Oost\"; Doetinchem",
    };

    public static Stream Utf8(string text, bool bom = false) =>
        new MemoryStream([.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);

    private static string Quote(string cell, char separator) =>
        cell.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
