using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Spending;

/// <summary>The wire form of a region-year statement (issue 9); negativeBalance flags a region that pre-finances.</summary>
public sealed record StatementView(
    string RegionId,
    string ProgrammeId,
    int Year,
    Money Gross,
    Money BcfDeposit,
    Money NetAllocated,
    Money Issued,
    Money Received,
    int OpenDiscrepancies,
    Money Spent,
    Money CompensableVatIncurred,
    Money BcfPosition,
    Money CarriedOverIn,
    Money Balance,
    bool NegativeBalance,
    bool Closed,
    string? SealHash)
{
    public static StatementView From(RegionYearStatement s) => new(s.RegionId, s.ProgrammeId, s.Year, s.Gross, s.BcfDeposit, s.NetAllocated,
        s.Issued, s.Received, s.OpenDiscrepancies, s.Spent, s.CompensableVatIncurred, s.BcfPosition, s.CarriedOverIn, s.Balance,
        s.NegativeBalance, s.Closed, s.SealHash);
}
