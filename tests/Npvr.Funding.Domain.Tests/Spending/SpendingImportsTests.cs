using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class SpendingImportsTests
{
    private static readonly IReadOnlySet<int> NoneClosed = new HashSet<int>();

    [Fact]
    public void A_record_is_new_when_nothing_is_stored_already_recorded_when_exactly_it_is_and_refused_otherwise()
    {
        var entry = Recorded();
        var other = Recorded(Valid(entry.EntryId) with { Amount = Money.Parse("1210.01") });

        var fresh = SpendingImports.Classify(entry, null);
        var same = SpendingImports.Classify(entry, EntryFingerprints.Of(entry));
        var taken = SpendingImports.Classify(entry, EntryFingerprints.Of(other));

        Assert.Equal(ImportRecordState.New, fresh.Value.State);
        Assert.Equal(ImportRecordState.AlreadyRecorded, same.Value.State);
        var refusal = Assert.Single(taken.Errors);
        Assert.Equal(("entryId", "entry-id-reused", ErrorKind.Conflict), (refusal.Field, refusal.Type, refusal.Error.Kind));
    }

    [Fact]
    public void A_reversal_whose_id_holds_a_reversal_with_another_reason_is_refused_on_reversesEntryId()
    {
        var original = Recorded();
        var reversal = SpendingEntries.Reverse(original, null, "Creditnota", NoneClosed).Reversal;
        var otherReason = SpendingEntries.Reverse(original, null, "Iets anders", NoneClosed).Reversal;

        var refusal = Assert.Single(SpendingImports.Classify(reversal, EntryFingerprints.Of(otherReason)).Errors);

        Assert.Equal(("reversesEntryId", "entry-already-reversed"), (refusal.Field, refusal.Type));
    }

    [Fact]
    public void A_reversal_row_of_a_stored_original_is_the_reversal_TryReverse_makes_once_and_refused_when_it_differs()
    {
        var original = Recorded();
        var made = SpendingEntries.Reverse(original, null, "Creditnota", NoneClosed).Reversal;
        var shown = Shown(made);

        var first = SpendingImports.ReverseStored(original.EntryId, original, null, "Creditnota", shown, NoneClosed);
        var again = SpendingImports.ReverseStored(original.EntryId, original, made, "Creditnota", shown, NoneClosed);
        var otherReason = SpendingImports.ReverseStored(original.EntryId, original, made, "Iets anders", shown with { }, NoneClosed);
        var wrongAmount = SpendingImports.ReverseStored(original.EntryId, original, null, "Creditnota", shown with { Amount = Money.Parse("-1.00") }, NoneClosed);
        var missing = SpendingImports.ReverseStored(original.EntryId, null, null, "Creditnota", shown, NoneClosed);
        var ofReversal = SpendingImports.ReverseStored(made.EntryId, made, null, "Creditnota", shown, NoneClosed);
        var closed = SpendingImports.ReverseStored(original.EntryId, original, null, "Creditnota", shown, new HashSet<int> { 2025 });

        Assert.Equal((made, ImportRecordState.New), (first.Value.Entry, first.Value.State));
        Assert.Equal(ImportRecordState.AlreadyRecorded, again.Value.State);
        Assert.Equal("entry-already-reversed", Assert.Single(otherReason.Errors).Type);
        Assert.Equal(("amount", "reversal-row-mismatch"), (Assert.Single(wrongAmount.Errors).Field, wrongAmount.Errors[0].Type));
        Assert.Equal(("reversesEntryId", "reversed-entry-not-found"), (Assert.Single(missing.Errors).Field, missing.Errors[0].Type));
        Assert.Equal("reversal-not-reversible", Assert.Single(ofReversal.Errors).Type);
        Assert.Equal((ErrorKind.Conflict, "year-closed"), (Assert.Single(closed.Errors).Error.Kind, closed.Errors[0].Type));
    }

    [Property(MaxTest = 300)]
    public Property Two_entries_share_a_fingerprint_only_when_they_are_equal() =>
        Prop.ForAll(Arb.From(SpendingGenerators.Ledger), Arb.From(SpendingGenerators.Ledger), (left, right) =>
        {
            foreach (var a in left.Take(5))
            {
                foreach (var b in right.Take(5).Append(a).Append(a with { Description = a.Description + " " }).Append(a with { InvoiceReference = null })
                             .Append(a with { Counterparty = a.Counterparty + a.InvoiceReference, InvoiceReference = null }))
                    Assert.Equal(a == b, EntryFingerprints.Of(a) == EntryFingerprints.Of(b));
            }
        });

    /// <summary>Computed outside .NET from the rule in EntryFingerprints (Python hashlib over the length-prefixed fields).</summary>
    [Fact]
    public void The_fingerprint_is_pinned_by_a_golden_vector()
    {
        var entry = Recorded(Valid(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")));

        Assert.Equal("b15f64aa23b295cf7e713f90ee3e10c7cdaa3a05d1ffee2cb8ce89395726d5a9", EntryFingerprints.Of(entry));
    }

    /// <summary>A reversal as an export writes its row.</summary>
    private static RecordSpending Shown(SpendingEntry reversal) => new(reversal.EntryId.ToString(), reversal.ProgrammeId, reversal.BookedOn, reversal.Amount,
        reversal.Vat, reversal.CompensableVat, reversal.Category.WireName(), reversal.Counterparty, reversal.InvoiceReference, reversal.Description,
        reversal.OnwardTransferTo is { } o ? new OnwardTransferInput(o.Name, o.KvkNumber) : null);
}
