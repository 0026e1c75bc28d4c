using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Command (queue, Disbursement to Allocation): hold the region-year's allocation at <paramref name="Version"/> for
/// <paramref name="TrancheId"/>. Answered on funding-events by AllocationFrozen or AllocationFreezeRefused.
/// </summary>
public sealed record FreezeAllocation(string ProgrammeId, int Year, string RegionId, int Version, string TrancheId, string RunId)
{
    public static FreezeAllocation For(PendingTranche pending) =>
        new(pending.ProgrammeId, pending.Year, pending.RegionId, pending.AllocationVersion, pending.TrancheId, pending.RunId);

    /// <summary>The input of <see cref="Allocations.Freeze"/>.</summary>
    public FreezeRequest ToRequest() => new(ProgrammeId, Year, RegionId, Version, TrancheId);

    /// <summary>Allocation's answer to this command after <see cref="Allocations.Freeze"/>: its event type and data.</summary>
    public OutgoingEvent Answer(FreezeDecision decision) => decision.Outcome switch
    {
        FreezeOutcome.Frozen or FreezeOutcome.AlreadyFrozen => new(EventTypes.AllocationFrozen, AllocationFrozen.From(this, decision.State)),
        FreezeOutcome.Refused => new(EventTypes.AllocationFreezeRefused,
            new AllocationFreezeRefused(ProgrammeId, Year, RegionId, Version, decision.State.Version, decision.RefusalReason!, TrancheId, RunId)),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Outcome, null),
    };
}
