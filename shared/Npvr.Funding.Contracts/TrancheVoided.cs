using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>Event (Disbursement): a tranche was voided before receipt. Allocation releases the freeze it held (Allocations.Release).</summary>
public sealed record TrancheVoided(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    int Sequence,
    string Kind,
    int AllocationVersion,
    Money Amount,
    string Reason,
    DateTimeOffset VoidedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string VoidedBy)
{
    public static TrancheVoided From(Tranche t)
    {
        var voiding = t.Voiding ?? throw new InvalidOperationException($"Tranche {t.TrancheId} is not voided.");
        return new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, t.Sequence, TrancheNames.Of(t.Kind), t.AllocationVersion, t.Amount,
            voiding.Reason, voiding.VoidedAt, voiding.VoidedBy);
    }
}
