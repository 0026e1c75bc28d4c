using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (Allocation): no freeze for <paramref name="TrancheId"/>. <paramref name="Reason"/> is one of
/// Allocations.FreezeRefusals (allocation-version-stale, allocation-frozen-elsewhere, allocation-not-determined,
/// tranche-superseded); the run shows the region blocked with it.
/// </summary>
public sealed record AllocationFreezeRefused(
    string ProgrammeId,
    int Year,
    string RegionId,
    int RequestedVersion,
    int CurrentVersion,
    string Reason,
    string TrancheId,
    string RunId)
{
    /// <summary>The run's line for the region that asked.</summary>
    public RegionRun RunLine() => RegionRun.Blocked(RegionId, Reason);
}
