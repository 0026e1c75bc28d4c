using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The statement a seal covers: the figures of a region-year at its close, with the programme, year and region they
/// belong to (so a seal cannot be moved to another region-year), without closed and sealHash (which the seal makes).
/// </summary>
public sealed record SealedStatement(
    string ProgrammeId,
    int Year,
    string RegionId,
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
    bool NegativeBalance)
{
    public static SealedStatement From(RegionYearStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new(statement.ProgrammeId, statement.Year, statement.RegionId, statement.Gross, statement.BcfDeposit, statement.NetAllocated,
            statement.Issued, statement.Received, statement.OpenDiscrepancies, statement.Spent, statement.CompensableVatIncurred,
            statement.BcfPosition, statement.CarriedOverIn, statement.Balance, statement.NegativeBalance);
    }

    /// <summary>Whether <paramref name="statement"/> shows exactly these figures (its closed and sealHash aside).</summary>
    public bool Matches(RegionYearStatement statement) => From(statement) == this;
}
