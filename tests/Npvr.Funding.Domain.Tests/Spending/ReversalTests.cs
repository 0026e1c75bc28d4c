using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class ReversalTests
{
    private static readonly HashSet<int> NoneClosed = [];

    [Fact]
    public void A_reversal_negates_every_figure_keeps_the_year_and_names_the_original()
    {
        var original = Recorded(OnwardTransfer() with { Amount = Money.Parse("1000.00") });

        var decision = SpendingEntries.Reverse(original, null, "  Dubbel geboekt ", NoneClosed);

        var reversal = decision.Reversal;
        Assert.False(decision.IsReplay);
        Assert.Equal(ReversalIds.Of(original.EntryId), reversal.EntryId);
        Assert.Equal(original.EntryId, reversal.ReversesEntryId);
        Assert.Equal(("-1000.00", "0.00", "0.00"), (reversal.Amount.ToString(), reversal.Vat.ToString(), reversal.CompensableVat.ToString()));
        Assert.Equal((original.ProgrammeId, original.BookedOn, original.Category, original.RegionId),
            (reversal.ProgrammeId, reversal.BookedOn, reversal.Category, reversal.RegionId));
        Assert.Equal(original.OnwardTransferTo, reversal.OnwardTransferTo);
        Assert.Equal("Dubbel geboekt", reversal.Reason);
        Assert.True(reversal.IsReversal);
    }

    [Fact]
    public void Vat_and_compensable_vat_are_negated_too()
    {
        var reversal = SpendingEntries.Reverse(Recorded(), null, "fout", NoneClosed).Reversal;

        Assert.Equal(("-1210.00", "-210.00", "-210.00"), (reversal.Amount.ToString(), reversal.Vat.ToString(), reversal.CompensableVat.ToString()));
    }

    [Fact]
    public void Reversing_twice_with_another_reason_is_a_conflict()
    {
        var original = Recorded();
        var first = SpendingEntries.Reverse(original, null, "fout", NoneClosed).Reversal;

        var error = Assert.Throws<DomainException>(() => SpendingEntries.Reverse(original, first, "nog eens", NoneClosed)).Error;

        Assert.Equal((ErrorKind.Conflict, "entry-already-reversed"), (error.Kind, error.Type));
    }

    [Fact]
    public void The_same_reversal_again_is_a_replay_of_the_first()
    {
        var original = Recorded();
        var first = SpendingEntries.Reverse(original, null, "fout", NoneClosed).Reversal;

        var again = SpendingEntries.Reverse(original, first, " fout ", new HashSet<int> { 2025 });

        Assert.True(again.IsReplay);
        Assert.Same(first, again.Reversal);
    }

    [Fact]
    public void Reversing_a_reversal_is_a_conflict()
    {
        var reversal = SpendingEntries.Reverse(Recorded(), null, "fout", NoneClosed).Reversal;

        var error = Assert.Throws<DomainException>(() => SpendingEntries.Reverse(reversal, null, "terug", NoneClosed)).Error;

        Assert.Equal((ErrorKind.Conflict, "reversal-not-reversible"), (error.Kind, error.Type));
    }

    [Fact]
    public void Reversing_an_entry_of_a_closed_year_is_a_conflict()
    {
        var error = Assert.Throws<DomainException>(() => SpendingEntries.Reverse(Recorded(), null, "fout", new HashSet<int> { 2025 })).Error;

        Assert.Equal((ErrorKind.Conflict, "year-closed"), (error.Kind, error.Type));
    }

    [Theory]
    [InlineData(null, "reason-required")]
    [InlineData("   ", "reason-required")]
    [InlineData("bel \u0007", "reason-invalid-characters")]
    public void A_reason_is_required_and_clean(string? reason, string type)
    {
        var error = Assert.Throws<DomainException>(() => SpendingEntries.Reverse(Recorded(), null, reason, NoneClosed)).Error;

        Assert.Equal((ErrorKind.Invalid, type), (error.Kind, error.Type));
    }

    [Fact]
    public void A_reason_is_at_most_500_characters()
    {
        Assert.Equal(500, SpendingEntries.Reverse(Recorded(), null, new string('r', 500), NoneClosed).Reversal.Reason!.Length);
        var error = Assert.Throws<DomainException>(() => SpendingEntries.Reverse(Recorded(), null, new string('r', 501), NoneClosed)).Error;
        Assert.Equal("reason-too-long", error.Type);
    }

    [Fact]
    public void An_existing_reversal_of_another_entry_is_a_programming_error()
    {
        var other = SpendingEntries.Reverse(Recorded(), null, "fout", NoneClosed).Reversal;

        Assert.Throws<ArgumentException>(() => SpendingEntries.Reverse(Recorded(), other, "fout", NoneClosed));
    }

    [Fact]
    public void The_reversal_id_is_a_version_8_uuid_derived_from_the_original_golden_vector()
    {
        // Computed outside .NET: sha256("npvr-funding:spending-reversal:3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")[:16], version 8, variant 10.
        var id = ReversalIds.Of(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"));

        Assert.Equal(GoldenReversalId, id.ToString());
        Assert.Equal('8', id.ToString()[14]);
        Assert.Contains(id.ToString()[19], "89ab");
        Assert.NotEqual(id, ReversalIds.Of(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e70")));
    }

    internal const string GoldenReversalId = "6f18b436-48f5-8335-8a00-befacfa019d4";

    [Fact]
    public void A_reversal_row_that_shows_the_reversal_matches_and_any_other_column_does_not()
    {
        var original = Recorded();
        var reversal = SpendingEntries.Reverse(original, null, "fout", NoneClosed).Reversal;
        var shown = new RecordSpending(reversal.EntryId.ToString(), reversal.ProgrammeId, reversal.BookedOn, reversal.Amount, reversal.Vat,
            reversal.CompensableVat, "process-guidance", reversal.Counterparty, reversal.InvoiceReference, reversal.Description, null);

        Assert.Empty(SpendingEntries.CompareReversalRow(reversal, shown));
        var mismatches = SpendingEntries.CompareReversalRow(reversal, shown with { Amount = original.Amount, Description = "anders" });
        Assert.Equal(["amount", "description"], mismatches.Select(e => e.Field));
        Assert.All(mismatches, e => Assert.Equal("reversal-row-mismatch", e.Type));
    }
}
