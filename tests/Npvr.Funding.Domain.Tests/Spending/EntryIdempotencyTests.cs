using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class EntryIdempotencyTests
{
    [Fact]
    public void The_same_body_again_is_the_same_entry_even_with_other_whitespace()
    {
        var command = Valid();
        var stored = Recorded(command);

        Assert.Equal(EntryMatch.SameBody, SpendingEntries.Compare(stored, command));
        Assert.Equal(EntryMatch.SameBody, SpendingEntries.Compare(stored, command with
        {
            EntryId = command.EntryId!.ToUpperInvariant(),
            Counterparty = " " + command.Counterparty + " ",
        }));
        SpendingEntries.EnsureSameBody(stored, command);
    }

    public static TheoryData<string, Func<RecordSpending, RecordSpending>> Changes() => new()
    {
        { "entryId", c => c with { EntryId = Guid.NewGuid().ToString() } },
        { "programmeId", c => c with { ProgrammeId = Legacy } },
        { "bookedOn", c => c with { BookedOn = new DateOnly(2025, 7, 1) } },
        { "amount", c => c with { Amount = Money.Parse("1210.01") } },
        { "vat", c => c with { Vat = Money.Parse("209.99") } },
        { "compensableVat", c => c with { CompensableVat = Money.Zero } },
        { "category", c => c with { Category = "research" } },
        { "counterparty", c => c with { Counterparty = "Ander bureau" } },
        { "invoiceReference", c => c with { InvoiceReference = null } },
        { "description", c => c with { Description = "Anders" } },
        { "onwardTransferTo", c => c with { OnwardTransferTo = new OnwardTransferInput("Wgr", null) } },
        { "amount missing", c => c with { Amount = null } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Another_body_under_the_same_entry_id_is_a_conflict(string change, Func<RecordSpending, RecordSpending> alter)
    {
        var command = Valid();
        var stored = Recorded(command);

        Assert.Equal(EntryMatch.DifferentBody, SpendingEntries.Compare(stored, alter(command)));
        var error = Assert.Throws<DomainException>(() => SpendingEntries.EnsureSameBody(stored, alter(command))).Error;
        Assert.Equal((ErrorKind.Conflict, "entry-id-reused"), (error.Kind, error.Type));
        Assert.NotEmpty(change);
    }

    [Fact]
    public void A_body_under_the_id_of_a_reversal_is_a_conflict()
    {
        var original = Recorded();
        var reversal = SpendingEntries.Reverse(original, null, "dubbel geboekt", new HashSet<int>()).Reversal;
        var sameFiguresAsReversal = Valid() with
        {
            EntryId = reversal.EntryId.ToString(),
            Amount = reversal.Amount,
            Vat = reversal.Vat,
            CompensableVat = reversal.CompensableVat,
        };

        Assert.Equal(EntryMatch.DifferentBody, SpendingEntries.Compare(reversal, sameFiguresAsReversal));
    }
}
