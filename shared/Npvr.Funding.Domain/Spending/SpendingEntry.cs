namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// One line of a region's spending ledger, never edited or deleted. A reversal is an entry too: its amounts are the
/// negated amounts of the entry it names in <see cref="ReversesEntryId"/>, with the <see cref="Reason"/> given.
/// Text fields are stored trimmed; an empty optional text is null.
/// </summary>
public sealed record SpendingEntry(
    Guid EntryId,
    string RegionId,
    string ProgrammeId,
    DateOnly BookedOn,
    Money Amount,
    Money Vat,
    Money CompensableVat,
    SpendingCategory Category,
    string Counterparty,
    string? InvoiceReference,
    string Description,
    OnwardTransfer? OnwardTransferTo,
    Guid? ReversesEntryId = null,
    string? Reason = null)
{
    public bool IsReversal => ReversesEntryId is not null;

    /// <summary>The programme year the entry counts in: the year it was booked.</summary>
    public int Year => BookedOn.Year;
}
