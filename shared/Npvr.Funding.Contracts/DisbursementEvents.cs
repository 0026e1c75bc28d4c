using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// The events each Disbursement decision raises, in the order to write them, so no adapter picks them by hand.
/// Write them in the same partition transaction as the state they describe.
/// </summary>
public static class DisbursementEvents
{
    /// <summary>Tranches.Issue: TrancheIssued when the tranche was created; nothing for a repeated answer.</summary>
    public static IReadOnlyList<OutgoingEvent> Of(IssueDecision decision) =>
        decision.Created ? [new(EventTypes.TrancheIssued, TrancheIssued.From(decision.Tranche))] : [];

    /// <summary>Tranches.ConfirmReceipt: TrancheReceived, or TrancheDiscrepancyRaised with both figures.</summary>
    public static IReadOnlyList<OutgoingEvent> OfReceipt(Tranche confirmed) => confirmed.Status switch
    {
        TrancheStatus.Received => [new(EventTypes.TrancheReceived, TrancheReceived.From(confirmed))],
        TrancheStatus.Discrepancy => [new(EventTypes.TrancheDiscrepancyRaised, TrancheDiscrepancyRaised.From(confirmed))],
        _ => throw new InvalidOperationException($"Tranche {confirmed.TrancheId} is {TrancheNames.Of(confirmed.Status)} after a receipt."),
    };

    /// <summary>Tranches.ResolveDiscrepancy: TrancheDiscrepancyResolved, then TrancheIssued for a supplementary tranche.</summary>
    public static IReadOnlyList<OutgoingEvent> Of(ResolutionDecision decision) => decision.Supplementary is { } supplementary
        ? [new(EventTypes.TrancheDiscrepancyResolved, TrancheDiscrepancyResolved.From(decision)), new(EventTypes.TrancheIssued, TrancheIssued.From(supplementary))]
        : [new(EventTypes.TrancheDiscrepancyResolved, TrancheDiscrepancyResolved.From(decision))];

    /// <summary>Tranches.Void: TrancheVoided.</summary>
    public static IReadOnlyList<OutgoingEvent> OfVoid(Tranche voided) => [new(EventTypes.TrancheVoided, TrancheVoided.From(voided))];

    /// <summary>Allocations.Release on TrancheVoided: AllocationReleased when the voided tranche held the freeze.</summary>
    public static IReadOnlyList<OutgoingEvent> Of(TrancheVoided voided, ReleaseDecision decision) => decision.Released
        ? [new(EventTypes.AllocationReleased, new AllocationReleased(voided.ProgrammeId, voided.Year, voided.RegionId, decision.State.Version, voided.TrancheId))]
        : [];
}
