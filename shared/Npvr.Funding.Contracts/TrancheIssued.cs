using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (Disbursement): a tranche was issued. A regular tranche pays exactly the net DU of
/// <paramref name="AllocationVersion"/>; a supplementary one (<paramref name="Kind"/> "supplementary") pays the
/// shortfall of <paramref name="SupplementsTrancheId"/> and has no run. <paramref name="Fund"/> follows the kassier.
/// </summary>
public sealed record TrancheIssued(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string KassierOrganisationCode,
    Money Amount,
    Money BcfDeposit,
    DateTimeOffset IssuedAt,
    int AllocationVersion,
    int Sequence,
    string Fund,
    string? RunId,
    string Kind,
    string? SupplementsTrancheId)
{
    public static TrancheIssued From(Tranche t) => new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, t.KassierOrganisationCode, t.Amount,
        t.BcfDeposit, t.IssuedAt, t.AllocationVersion, t.Sequence, t.Fund, t.RunId, TrancheNames.Of(t.Kind), t.SupplementsTrancheId);
}
