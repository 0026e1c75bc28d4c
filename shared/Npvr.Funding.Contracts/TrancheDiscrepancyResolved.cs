using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (Disbursement): Finance resolved a discrepancy. <paramref name="Action"/> "supplement" names the new
/// supplementary tranche and its amount (its own TrancheIssued follows); "recovery" the amount to recover.
/// </summary>
public sealed record TrancheDiscrepancyResolved(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string Action,
    string Reason,
    Money Expected,
    Money Received,
    string? SupplementaryTrancheId,
    Money? SupplementAmount,
    Money? RecoveryAmount,
    DateTimeOffset ResolvedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string ResolvedBy)
{
    public static TrancheDiscrepancyResolved From(ResolutionDecision decision)
    {
        var t = decision.Resolved;
        var resolution = t.Resolution ?? throw new InvalidOperationException($"Tranche {t.TrancheId} carries no resolution.");
        return new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, TrancheNames.Of(resolution.Action), resolution.Reason, t.Amount, t.Receipt!.Amount,
            resolution.SupplementaryTrancheId, decision.Supplementary?.Amount, resolution.RecoveryAmount, resolution.ResolvedAt, resolution.ResolvedBy);
    }
}
