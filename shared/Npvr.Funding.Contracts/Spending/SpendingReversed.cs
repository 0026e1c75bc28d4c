using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// An entry was reversed (<see cref="EventTypes.SpendingReversed"/>). <see cref="EntryId"/> is the reversal's own id
/// (ReversalIds.Of(reversesEntryId)); amount, vat and compensableVat are the original's, negated; bookedOn is the
/// original's, so the reversal counts in the same year.
/// </summary>
public sealed record SpendingReversed(
    Guid EntryId,
    Guid ReversesEntryId,
    string RegionId,
    string ProgrammeId,
    DateOnly BookedOn,
    Money Amount,
    Money Vat,
    Money CompensableVat,
    string Reason,
    DateTimeOffset RecordedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string RecordedBy)
{
    public static SpendingReversed From(SpendingEntry reversal, DateTimeOffset recordedAt, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(reversal);
        if (reversal.ReversesEntryId is not { } original || reversal.Reason is not { } reason)
            throw new ArgumentException($"Entry {reversal.EntryId} is not a reversal: announce it as SpendingRecorded.", nameof(reversal));
        return new(reversal.EntryId, original, reversal.RegionId, reversal.ProgrammeId, reversal.BookedOn, reversal.Amount, reversal.Vat,
            reversal.CompensableVat, reason, recordedAt, recordedBy);
    }

    /// <summary>The reversal entry, with the category and texts of the <paramref name="original"/> it names.</summary>
    public SpendingEntry ToEntry(SpendingEntry original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.EntryId != ReversesEntryId) throw new ArgumentException($"Entry {original.EntryId} is not the one {EntryId} reverses.", nameof(original));
        return original with
        {
            EntryId = EntryId,
            Amount = Amount,
            Vat = Vat,
            CompensableVat = CompensableVat,
            ReversesEntryId = ReversesEntryId,
            Reason = Reason,
        };
    }

    public SpendingReversedFact ToFact() => new(ProgrammeId, BookedOn.Year, EntryId, ReversesEntryId, Amount, CompensableVat);
}
