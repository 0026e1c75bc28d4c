using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Spending;

/// <summary>The wire form of a ledger entry: the JSON body's fields, what a reversal names, and who recorded it when.</summary>
public sealed record EntryView(
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
    Guid? ReversesEntryId,
    string? Reason,
    DateTimeOffset RecordedAt,
    string RecordedBy)
{
    public static EntryView From(RecordedEntry recorded)
    {
        var e = recorded.Entry;
        return new(e.EntryId, e.RegionId, e.ProgrammeId, e.BookedOn, e.Amount, e.Vat, e.CompensableVat, e.Category, e.Counterparty, e.InvoiceReference,
            e.Description, e.OnwardTransferTo, e.ReversesEntryId, e.Reason, recorded.RecordedAt, recorded.RecordedBy);
    }
}
