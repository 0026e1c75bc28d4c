namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// The body of <c>POST /regions/{regionId}/spending</c> as received (one CSV import line gives the same): every field may
/// be missing or malformed; <see cref="SpendingEntries.Record"/> checks them all. Deserialise it with FundingJson:
/// amounts are "0.00" strings, bookedOn is yyyy-MM-dd, category a wire name such as "process-guidance".
/// </summary>
public sealed record RecordSpending(
    string? EntryId,
    string? ProgrammeId,
    DateOnly? BookedOn,
    Money? Amount,
    Money? Vat,
    Money? CompensableVat,
    string? Category,
    string? Counterparty,
    string? InvoiceReference,
    string? Description,
    OnwardTransferInput? OnwardTransferTo);
