using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Domain.Allocation;

/// <summary>Allocation's answer to a freeze request; <see cref="FreezeOutcome.Refused"/> carries a stable reason.</summary>
public enum FreezeOutcome
{
    /// <summary>Frozen now: persist the new state and announce AllocationFrozen.</summary>
    Frozen,

    /// <summary>Already frozen for this tranche at this version: nothing to persist, announce AllocationFrozen again.</summary>
    AlreadyFrozen,

    /// <summary>Not frozen: nothing to persist, announce AllocationFreezeRefused with the reason.</summary>
    Refused,
}

/// <summary>Disbursement's request (command FreezeAllocation) to hold a region-year's allocation at a version for a tranche.</summary>
public sealed record FreezeRequest(string ProgrammeId, int Year, string RegionId, int Version, string TrancheId);

/// <summary>The state after a freeze request, what happened, and why not when refused.</summary>
public sealed record FreezeDecision(AllocationState State, FreezeOutcome Outcome, string? RefusalReason);

/// <summary>The state after a tranche's void; <see cref="Released"/> says whether this tranche held the freeze.</summary>
public sealed record ReleaseDecision(AllocationState State, bool Released);

public static partial class Allocations
{
    /// <summary>Refusal reasons of <see cref="Freeze"/>; they become a blocked region's reason in the issue run.</summary>
    public static class FreezeRefusals
    {
        public const string NotDetermined = "allocation-not-determined";
        public const string VersionStale = "allocation-version-stale";
        public const string FrozenElsewhere = "allocation-frozen-elsewhere";
        public const string TrancheSuperseded = "tranche-superseded";
    }

    /// <summary>
    /// Holds the allocation at the requested version for the requested tranche, if that version is the current one,
    /// it is determined, and no other tranche holds it. A repeat for the same tranche and version changes nothing and
    /// answers the same. A refusal changes nothing either. A request that does not name its own region-year is a
    /// malformed message (DomainException Invalid <c>tranche-id-invalid</c>).
    /// </summary>
    public static FreezeDecision Freeze(AllocationState state, FreezeRequest request)
    {
        var sequence = SequenceOf(request);
        if (state.Freeze is { } held && held.TrancheId == request.TrancheId && held.Version == request.Version)
            return new FreezeDecision(state, FreezeOutcome.AlreadyFrozen, null);
        var refusal = sequence <= state.LastReleasedSequence ? FreezeRefusals.TrancheSuperseded
            : state.Freeze is not null ? FreezeRefusals.FrozenElsewhere
            : state.CompensableVatEstimate is null ? FreezeRefusals.NotDetermined
            : request.Version != state.Version ? FreezeRefusals.VersionStale
            : null;
        if (refusal is not null) return new FreezeDecision(state, FreezeOutcome.Refused, refusal);
        var next = state with { Freeze = new AllocationFreeze(state.Version, request.TrancheId) };
        // Conservation of the figures a tranche will pay: the frozen split adds up to the gross and pays nothing negative.
        if (next.NetDu + next.BcfDeposit != next.Gross || next.NetDu.IsNegative)
            throw new InvalidOperationException($"Freezing {request.TrancheId}: {next.NetDu} + {next.BcfDeposit} != {next.Gross}.");
        return new FreezeDecision(next, FreezeOutcome.Frozen, null);
    }

    /// <summary>
    /// On TrancheVoided: lets the estimate change again if the voided tranche held the freeze, and remembers its
    /// sequence so a late freeze request for it is refused. A void of any other tranche changes nothing.
    /// </summary>
    public static ReleaseDecision Release(AllocationState state, string trancheId)
    {
        if (state.Freeze is not { } held || held.TrancheId != trancheId || held.TrancheId == AllocationFreeze.UnnamedTrancheId)
            return new ReleaseDecision(state, false);
        if (!TrancheIds.TryParse(trancheId, out var key))
            throw new InvalidOperationException($"The freeze names '{trancheId}', which is not a tranche id.");
        var next = state with { Freeze = null, LastReleasedSequence = Math.Max(state.LastReleasedSequence, key.Sequence) };
        return new ReleaseDecision(next, true);
    }

    private static int SequenceOf(FreezeRequest request)
    {
        if (!TrancheIds.TryParse(request.TrancheId, out var key)
            || key.ProgrammeId != request.ProgrammeId || key.Year != request.Year || key.RegionId != request.RegionId)
            throw Invalid("tranche-id-invalid",
                $"trancheId '{request.TrancheId}' is not a tranche of {request.ProgrammeId} {request.Year} {request.RegionId}.");
        return key.Sequence;
    }

    private static string TrancheNamed(AllocationFreeze freeze) =>
        freeze.TrancheId == AllocationFreeze.UnnamedTrancheId ? "" : $" by tranche {freeze.TrancheId}";
}
