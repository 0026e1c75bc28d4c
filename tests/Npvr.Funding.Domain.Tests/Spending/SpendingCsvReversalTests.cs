using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.CsvFiles;
using static Npvr.Funding.Domain.Tests.Spending.SpendingCsvRoundTripTests;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class SpendingCsvReversalTests
{
    private static readonly HashSet<int> NoneClosed = [];

    private static (SpendingEntry Original, SpendingEntry Reversal) Pair()
    {
        var original = Recorded(Plain(7));
        return (original, SpendingEntries.Reverse(original, null, "dubbel geboekt", NoneClosed).Reversal);
    }

    /// <summary>An entry without separators in its text, so a test can split its exported line on commas.</summary>
    private static RecordSpending Plain(int n) => Numbered(n) with { Counterparty = $"Leverancier {n}" };

    private static string?[][] Rows(string text) =>
        [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',').Select(c => (string?)c).ToArray())];

    private static SpendingCsvRejected Rejected(SpendingCsvResult result) => Assert.IsType<SpendingCsvRejected>(result);

    [Fact]
    public void A_reversal_row_after_or_before_its_original_is_checked_against_it()
    {
        var (original, reversal) = Pair();

        foreach (var ledger in new[] { new[] { original, reversal }, [reversal, original] })
        {
            var parsed = Assert.IsType<SpendingCsvParsed>(SpendingCsv.Parse(Export(ledger), Context()));
            var row = Assert.Single(parsed.Reversals);
            Assert.Equal(original.EntryId, row.ReversesEntryId);
            Assert.Equal("dubbel geboekt", row.Reason);
            Assert.Equal(Assert.Single(parsed.Records).Line, row.OriginalLine);
        }
    }

    [Fact]
    public void A_reversal_row_whose_original_is_not_in_the_file_is_left_for_the_app_to_check()
    {
        var (_, reversal) = Pair();

        var row = Assert.Single(Assert.IsType<SpendingCsvParsed>(SpendingCsv.Parse(Export([reversal]), Context())).Rows);

        Assert.True(row.IsReversal);
        Assert.Null(row.OriginalLine);
    }

    [Fact]
    public void A_reversal_row_with_other_figures_than_its_original_is_refused_per_column()
    {
        var (original, reversal) = Pair();
        var rows = Rows(Export([original, reversal]));
        rows[1][3] = "-1000.00";     // amount
        rows[1][7] = "Iemand anders"; // counterparty

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows, SpendingCsvColumns.All), Context()));

        Assert.Equal([(3L, "amount", "reversal-row-mismatch"), (3L, "counterparty", "reversal-row-mismatch")],
            rejected.Errors.Select(e => (e.Line, e.Column, e.Type)));
    }

    [Fact]
    public void A_reversal_row_with_positive_amounts_is_refused()
    {
        var (_, reversal) = Pair();
        var rows = Rows(Export([reversal]));
        rows[0][3] = "1210.07";

        var error = Assert.Single(Rejected(SpendingCsv.Parse(File(',', rows, SpendingCsvColumns.All), Context())).Errors);

        Assert.Equal((2L, "amount", "reversal-amounts-invalid"), (error.Line, error.Column, error.Type));
    }

    [Fact]
    public void A_reversal_row_needs_the_entry_id_derived_from_its_original_and_a_reason()
    {
        var (original, reversal) = Pair();
        var rows = Rows(Export([original, reversal]));
        rows[1][0] = Guid.NewGuid().ToString();
        rows[1][13] = "";

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows, SpendingCsvColumns.All), Context()));

        Assert.Equal([(3L, "entryId", "reversal-entry-id-mismatch"), (3L, "reason", "reason-required")],
            rejected.Errors.Where(e => e.Type != "reversal-row-mismatch").Select(e => (e.Line, e.Column, e.Type)));
    }

    [Fact]
    public void A_reason_without_reverses_entry_id_is_refused()
    {
        var rows = Rows(Export([Recorded(Plain(1))]));
        rows[0][13] = "waarom";

        var error = Assert.Single(Rejected(SpendingCsv.Parse(File(',', rows, SpendingCsvColumns.All), Context())).Errors);

        Assert.Equal(("reason", "reason-without-reversal"), (error.Column, error.Type));
    }

    [Fact]
    public void Reversing_a_reversal_or_reversing_twice_in_one_file_are_conflicts()
    {
        var (original, reversal) = Pair();
        var reversalOfReversal = Rows(Export([reversal]))[0];
        reversalOfReversal[0] = ReversalIds.Of(reversal.EntryId).ToString();
        reversalOfReversal[12] = reversal.EntryId.ToString();
        var rows = Rows(Export([original, reversal])).Append(reversalOfReversal).ToList();

        var rejected = Rejected(SpendingCsv.Parse(File(',', rows, SpendingCsvColumns.All), Context()));

        Assert.Contains(rejected.Errors, e => (e.Line, e.Column, e.Type, e.Kind) == (4L, "reversesEntryId", "reversal-not-reversible", ErrorKind.Conflict));

        var twice = Rows(Export([original, reversal])).Append(Rows(Export([reversal]))[0]).ToList();
        var again = Rejected(SpendingCsv.Parse(File(',', twice, SpendingCsvColumns.All), Context()));
        Assert.Contains(again.Errors, e => (e.Line, e.Column, e.Type) == (4L, "reversesEntryId", "entry-already-reversed"));
        Assert.Contains(again.Errors, e => (e.Line, e.Column, e.Type) == (4L, "entryId", "entry-id-duplicate"));
    }

    [Fact]
    public void A_reversal_row_in_a_closed_year_is_a_conflict()
    {
        var (original, reversal) = Pair();

        var rejected = Rejected(SpendingCsv.Parse(Export([original, reversal]), Context(closedNpvrYears: original.Year)));

        Assert.Equal([(2L, "bookedOn", "year-closed"), (3L, "bookedOn", "year-closed")], rejected.Errors.Select(e => (e.Line, e.Column, e.Type)));
    }
}
