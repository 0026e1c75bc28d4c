using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (Disbursement): the kassier received another amount than issued. Both figures are kept;
/// <paramref name="Difference"/> = received - expected (negative: a shortfall, positive: an overpayment).
/// </summary>
public sealed record TrancheDiscrepancyRaised(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string KassierOrganisationCode,
    Money Expected,
    Money Received,
    Money Difference,
    DateOnly ReceivedOn,
    string BankReference)
{
    public static TrancheDiscrepancyRaised From(Tranche t)
    {
        if (t.Status != TrancheStatus.Discrepancy) throw new InvalidOperationException($"Tranche {t.TrancheId} is {TrancheNames.Of(t.Status)}, not in discrepancy.");
        return new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, t.KassierOrganisationCode, t.Amount, t.Receipt!.Amount, t.ReceiptDifference!.Value,
            t.Receipt.ReceivedOn, t.Receipt.BankReference);
    }
}
