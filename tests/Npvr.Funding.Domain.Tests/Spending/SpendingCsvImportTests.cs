using System.Text;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.CsvFiles;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class SpendingCsvImportTests
{
    private static List<RecordSpending> Thousand() => [.. Enumerable.Range(1, 1000).Select(Numbered)];

    private static SpendingCsvParsed Parsed(SpendingCsvResult result) =>
        result as SpendingCsvParsed ?? throw new Xunit.Sdk.XunitException($"Expected a parsed file, got {Describe(result)}");

    private static SpendingCsvRejected Rejected(SpendingCsvResult result) =>
        result as SpendingCsvRejected ?? throw new Xunit.Sdk.XunitException($"Expected a rejected file, got {result}");

    private static string Describe(SpendingCsvResult result) => result is SpendingCsvRejected r
        ? string.Join("\n", r.Errors.Take(20).Select(e => $"{e.Line} {e.Column} {e.Type}: {e.Reason}"))
        : result.ToString()!;

    [Fact]
    public void Three_bad_lines_among_a_thousand_are_reported_with_their_line_numbers_and_every_bad_column()
    {
        var rows = Thousand().Select(c => Cells(c)).ToList();
        rows[16][3] = "12.5";                         // line 18: amount malformed
        rows[16][4] = "-1.00";                        //          and vat negative
        rows[499][6] = "travel";                      // line 501: unknown category
        rows[499][7] = "";                            //           and no counterparty
        rows[998][2] = "2030-01-01";                  // line 1000: booked in the future
        rows[998][10] = "Regio Achterhoek (Wgr)";     //            and an onward transfer on process guidance

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows), Context()));

        Assert.Equal(3, rejected.BadLines);
        Assert.False(rejected.Truncated);
        Assert.Equal(
            [
                (18L, "amount", "amount-malformed"), (18L, "vat", "vat-negative"),
                (501L, "category", "category-unknown"), (501L, "counterparty", "counterparty-required"),
                (1000L, "bookedOn", "booked-on-in-future"), (1000L, "onwardTransferName", "onward-transfer-not-allowed"),
            ],
            rejected.Errors.Select(e => (e.Line, e.Column, e.Type)));
        Assert.All(rejected.Errors, e => Assert.Equal(ErrorKind.Invalid, e.Kind));
    }

    [Fact]
    public void The_corrected_file_parses_all_thousand_rows_in_order_with_their_line_numbers()
    {
        var commands = Thousand();

        var parsed = Parsed(SpendingCsv.Parse(File(',', commands.Select(c => Cells(c))), Context()));

        Assert.Equal(commands, parsed.Rows.Select(r => r.Entry));
        Assert.Equal(Enumerable.Range(2, 1000).Select(l => (long)l), parsed.Rows.Select(r => r.Line));
        Assert.All(parsed.Rows, r => Assert.False(r.IsReversal));
        Assert.All(parsed.Rows, r => Assert.True(SpendingEntries.Record(r.Entry, Context()).IsValid));
    }

    [Fact]
    public void Semicolon_and_comma_files_with_quoted_fields_parse_identically()
    {
        var commands = Thousand().Take(50).Select((c, i) => i % 2 == 0 ? c : c with { Description = "Sessie \"regio\"; deel 1, deel 2" }).ToList();

        var comma = Parsed(SpendingCsv.Parse(File(',', commands.Select(c => Cells(c, ','))), Context()));
        var semicolon = Parsed(SpendingCsv.Parse(File(';', commands.Select(c => Cells(c, ';'))), Context()));

        Assert.Equal(',', comma.Separator);
        Assert.Equal(';', semicolon.Separator);
        Assert.Equal(comma.Rows, semicolon.Rows);
        Assert.Equal(commands, semicolon.Rows.Select(r => r.Entry));
    }

    [Fact]
    public void A_decimal_comma_is_read_in_a_semicolon_file_and_refused_in_a_comma_file()
    {
        var command = Numbered(1);
        var semicolonFile = File(';', [Cells(command, ';')]);
        Assert.Contains("1210,01", semicolonFile, StringComparison.Ordinal);
        Assert.Equal(Money.Parse("1210.01"), Parsed(SpendingCsv.Parse(semicolonFile, Context())).Rows[0].Entry.Amount);

        var commaRow = Cells(command);
        commaRow[3] = "1210,01";
        var rejected = Rejected(SpendingCsv.Parse(File(',', [commaRow]), Context()));
        Assert.Equal((2L, "amount", "amount-malformed"), (rejected.Errors[0].Line, rejected.Errors[0].Column, rejected.Errors[0].Type));
    }

    [Theory]
    [InlineData("1.234,56")]
    [InlineData("1234,5")]
    [InlineData("1 234,56")]
    public void Thousands_separators_and_one_decimal_are_refused_in_a_semicolon_file(string amount)
    {
        var row = Cells(Numbered(1), ';');
        row[3] = amount;

        var rejected = Rejected(SpendingCsv.Parse(File(';', [row]), Context()));

        Assert.Equal("amount-malformed", Assert.Single(rejected.Errors).Type);
    }

    [Fact]
    public void A_file_with_and_without_byte_order_mark_parses_the_same_as_text_and_as_bytes()
    {
        var text = File(';', Thousand().Take(20).Select(c => Cells(c, ';')));

        var plain = Parsed(SpendingCsv.Parse(text, Context()));
        Assert.Equal(plain.Rows, Parsed(SpendingCsv.Parse("\uFEFF" + text, Context())).Rows);
        Assert.Equal(plain.Rows, Parsed(SpendingCsv.Parse(Utf8(text), Context())).Rows);
        Assert.Equal(plain.Rows, Parsed(SpendingCsv.Parse(Utf8(text, bom: true), Context())).Rows);
    }

    [Fact]
    public void Embedded_line_breaks_count_in_the_line_numbers_of_later_records()
    {
        var rows = new List<string?[]>
        {
            Cells(Numbered(1) with { Description = "regel een\nregel twee" }),           // lines 2-3
            Cells(Numbered(2) with { Description = "een\r\n\r\ndrie" }),                 // lines 4-6
        };
        var bad = Cells(Numbered(3));
        bad[5] = "-3.00";                                                                 // line 7
        rows.Add(bad);

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows), Context()));
        var parsed = Parsed(SpendingCsv.Parse(File(',', rows.Take(2).Append(Cells(Numbered(3)))), Context()));

        Assert.Equal((7L, "compensableVat", "compensable-vat-negative"), (rejected.Errors[0].Line, rejected.Errors[0].Column, rejected.Errors[0].Type));
        Assert.Equal([2L, 4L, 7L], parsed.Rows.Select(r => r.Line));
        Assert.Equal("een\r\n\r\ndrie", parsed.Rows[1].Entry.Description);
    }

    [Fact]
    public void Empty_lines_are_skipped_but_counted()
    {
        var text = File(',', [Cells(Numbered(1))]) + "\r\n\r\n" + Line(',', Cells(Numbered(2))) + "\r\n";

        Assert.Equal([2L, 5L], Parsed(SpendingCsv.Parse(text, Context())).Rows.Select(r => r.Line));
    }

    [Fact]
    public void More_than_50000_data_lines_is_too_large_and_50000_is_not()
    {
        var line = Line(',', Cells(Numbered(1)));
        var header = Line(',', [.. TwelveColumns]);
        string Of(int rows) => header + "\r\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{Guid.NewGuid()}{line[36..]}\r\n"));

        Assert.Equal(new SpendingCsvTooLarge(50_000), SpendingCsv.Parse(Of(50_001), Context()));
        Assert.Equal(50_000, Parsed(SpendingCsv.Parse(Of(50_000), Context())).Rows.Count);
    }

    [Fact]
    public void The_line_limit_is_a_parameter()
    {
        var text = File(',', Thousand().Take(11).Select(c => Cells(c)));

        Assert.Equal(new SpendingCsvTooLarge(10), SpendingCsv.Parse(text, Context(), maxDataLines: 10));
        Assert.Equal(new SpendingCsvTooLarge(10), SpendingCsv.Parse(Utf8(text), Context(), maxDataLines: 10));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_in_their_cell_not_replaced()
    {
        var good = Encoding.UTF8.GetBytes(File(',', [Cells(Numbered(1))]));
        var text = Encoding.UTF8.GetString(good);
        var at = Encoding.UTF8.GetBytes(text[..text.IndexOf("Procesbegeleiding", StringComparison.Ordinal)]).Length;
        byte[] bytes = [.. good[..at], 0xC3, 0x28, .. good[at..]];

        var rejected = Rejected(SpendingCsv.Parse(new MemoryStream(bytes), Context()));

        Assert.Equal((2L, "description", "invalid-utf8"), (rejected.Errors[0].Line, rejected.Errors[0].Column, rejected.Errors[0].Type));
        Assert.Single(rejected.Errors);
    }

    [Fact]
    public void A_utf16_file_is_refused()
    {
        var text = File(',', [Cells(Numbered(1))]);
        var utf16 = new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        Assert.Equal("encoding-not-utf8", Assert.Single(Rejected(SpendingCsv.Parse(utf16, Context())).Errors).Type);
    }

    [Fact]
    public void Text_decoded_leniently_before_is_refused_where_it_was_replaced()
    {
        var row = Cells(Numbered(1));
        row[7] = "Leverancier \uFFFD";

        var error = Assert.Single(Rejected(SpendingCsv.Parse(File(',', [row]), Context())).Errors);

        Assert.Equal(("counterparty", "counterparty-invalid-characters"), (error.Column, error.Type));
    }

    [Fact]
    public void Missing_unknown_and_repeated_columns_are_all_reported_on_line_1()
    {
        var columns = TwelveColumns.Where(c => c is not "vat" and not "description").Append("btw").Append("amount").ToList();

        var rejected = Rejected(SpendingCsv.Parse(File(',', [], columns), Context()));

        Assert.Equal(
            [(1L, "amount", "column-duplicate"), (1L, "vat", "column-missing"), (1L, "description", "column-missing"), (1L, "btw", "column-unknown")],
            rejected.Errors.Select(e => (e.Line, e.Column, e.Type)).OrderBy(e => e.Type == "column-unknown").ThenBy(e => e.Type));
    }

    [Fact]
    public void Column_names_match_ignoring_case_and_spaces_in_any_order()
    {
        var columns = TwelveColumns.Reverse().Select(c => " " + c.ToUpperInvariant()).ToList();
        var command = Numbered(1);

        var parsed = Parsed(SpendingCsv.Parse(File(',', [Cells(command).Reverse().ToArray()], columns), Context()));

        Assert.Equal(command, parsed.Rows[0].Entry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("entryId\tprogrammeId\tbookedOn")]
    [InlineData("entryId,programmeId;bookedOn")]
    public void A_first_line_without_one_kind_of_separator_is_refused(string header) =>
        Assert.Equal("header-separator-unknown", Assert.Single(Rejected(SpendingCsv.Parse(header + "\r\n", Context())).Errors).Type);

    [Fact]
    public void A_header_alone_is_an_empty_import()
    {
        Assert.Empty(Parsed(SpendingCsv.Parse(File(',', []), Context())).Rows);
    }

    [Fact]
    public void A_repeated_entry_id_in_the_file_is_reported_on_the_later_lines()
    {
        var command = Numbered(1);
        var rows = new[] { Cells(command), Cells(Numbered(2)), Cells(command with { Amount = Money.Parse("5000.00") }) };

        var error = Assert.Single(Rejected(SpendingCsv.Parse(File(',', rows), Context())).Errors);

        Assert.Equal((4L, "entryId", "entry-id-duplicate"), (error.Line, error.Column, error.Type));
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_another_number_of_fields_is_reported()
    {
        var text = File(',', [Cells(Numbered(1))]) + "a,b,c\r\n";

        var error = Assert.Single(Rejected(SpendingCsv.Parse(text, Context())).Errors);

        Assert.Equal((3L, "", "field-count-mismatch"), (error.Line, error.Column, error.Type));
    }

    [Fact]
    public void Broken_quoting_is_reported_on_its_line()
    {
        var row = Line(',', Cells(Numbered(2))).Replace("Procesbegeleiding", "Proces\"begeleiding", StringComparison.Ordinal);
        var text = File(',', [Cells(Numbered(1))]) + row + "\r\n" + Line(',', Cells(Numbered(3))) + "\r\n";

        var error = Assert.Single(Rejected(SpendingCsv.Parse(text, Context())).Errors);

        Assert.Equal((3L, "", "csv-malformed"), (error.Line, error.Column, error.Type));
    }

    [Fact]
    public void An_unclosed_quote_in_a_large_file_is_refused_without_reading_it_all_into_one_record()
    {
        var lines = Thousand().Select(c => Line(',', Cells(c with { Counterparty = "Leverancier" }))).ToList();
        lines[1] = lines[1].Replace(",Procesbegeleiding", ",\"Procesbegeleiding", StringComparison.Ordinal);
        var text = Line(',', [.. TwelveColumns]) + "\r\n" + string.Join("\r\n", lines) + "\r\n";
        Assert.True(text.Length > SpendingCsv.MaxRecordBytes);

        foreach (var result in new[] { SpendingCsv.Parse(Utf8(text), Context()), SpendingCsv.Parse(text, Context()) })
        {
            var error = Assert.Single(Rejected(result).Errors);
            Assert.Equal((3L, "record-too-large"), (error.Line, error.Type));
        }
    }

    [Fact]
    public void Without_a_context_only_the_format_is_checked()
    {
        var row = Cells(Numbered(1));
        row[3] = "-5.00";

        var parsed = Parsed(SpendingCsv.Parse(File(',', [row])));

        Assert.Equal(Money.Parse("-5.00"), parsed.Rows[0].Entry.Amount);
    }

    [Fact]
    public void Rows_booked_in_a_closed_year_are_conflicts()
    {
        var rejected = Rejected(SpendingCsv.Parse(File(',', Thousand().Take(3).Select(c => Cells(c))), Context(closedNpvrYears: 2025)));

        Assert.Equal(3, rejected.BadLines);
        Assert.All(rejected.Errors, e => Assert.Equal((ErrorKind.Conflict, "year-closed", "bookedOn"), (e.Kind, e.Type, e.Column)));
        Assert.True(rejected.AllConflicts);
    }

    [Fact]
    public void At_most_10000_errors_are_listed_and_all_are_counted()
    {
        var rows = Enumerable.Range(1, 10_001).Select(n => Cells(Numbered(n) with { Category = "travel" }));

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows), Context()));

        Assert.Equal((10_000, 10_001L, 10_001, true), (rejected.Errors.Count, rejected.TotalErrors, rejected.BadLines, rejected.Truncated));
        Assert.Equal(10_001L, rejected.Errors[^1].Line);
    }
}
