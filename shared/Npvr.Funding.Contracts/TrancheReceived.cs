using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>Event (Disbursement): the kassier confirmed receipt of exactly the tranche's amount.</summary>
public sealed record TrancheReceived(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string KassierOrganisationCode,
    Money Amount,
    DateOnly ReceivedOn,
    string BankReference)
{
    public static TrancheReceived From(Tranche t)
    {
        if (t.Status != TrancheStatus.Received) throw new InvalidOperationException($"Tranche {t.TrancheId} is {TrancheNames.Of(t.Status)}, not received.");
        return new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, t.KassierOrganisationCode, t.Receipt!.Amount, t.Receipt.ReceivedOn, t.Receipt.BankReference);
    }
}
