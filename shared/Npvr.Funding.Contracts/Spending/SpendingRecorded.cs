using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>A spending entry was recorded (<see cref="EventTypes.SpendingRecorded"/>). Category travels as its wire name.</summary>
public sealed record SpendingRecorded(
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
    DateTimeOffset RecordedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string RecordedBy)
{
    public static SpendingRecorded From(SpendingEntry entry, DateTimeOffset recordedAt, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsReversal) throw new ArgumentException($"Entry {entry.EntryId} is a reversal: announce it as SpendingReversed.", nameof(entry));
        return new(entry.EntryId, entry.RegionId, entry.ProgrammeId, entry.BookedOn, entry.Amount, entry.Vat, entry.CompensableVat,
            entry.Category, entry.Counterparty, entry.InvoiceReference, entry.Description, entry.OnwardTransferTo, recordedAt, recordedBy);
    }

    public SpendingEntry ToEntry() => new(EntryId, RegionId, ProgrammeId, BookedOn, Amount, Vat, CompensableVat, Category, Counterparty,
        InvoiceReference, Description, OnwardTransferTo);

    public SpendingRecordedFact ToFact() => new(ProgrammeId, BookedOn.Year, EntryId, Amount, CompensableVat);
}
