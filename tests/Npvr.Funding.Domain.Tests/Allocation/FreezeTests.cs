using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Domain.Tests.Allocation;

public class FreezeTests
{
    private const string T1 = "npvr-procesmiddelen.2025.achterhoek.1";
    private const string T2 = "npvr-procesmiddelen.2025.achterhoek.2";

    private static readonly Programme Npvr = new("npvr-procesmiddelen", "NPVR procesmiddelen", "DU", "Gemeentefonds",
        [2025, 2026, 2027], [.. Regions.All.Select(r => r.Id)], Money.Parse("350000.00"));

    private static AllocationState Estimated(params string[] estimates) => estimates.Aggregate(AllocationState.Initial(Npvr.GrossPerRegionPerYear),
        (state, estimate) => Allocations.Determine(Npvr, 2025, "achterhoek", state, new VatEstimate(Money.Parse(estimate), null, null)));

    private static FreezeRequest Request(int version, string trancheId = T1) => new("npvr-procesmiddelen", 2025, "achterhoek", version, trancheId);

    [Fact]
    public void The_current_determined_version_is_frozen_for_the_tranche_and_shows_disbursed()
    {
        var decision = Allocations.Freeze(Estimated("8677.69"), Request(1));

        Assert.Equal(FreezeOutcome.Frozen, decision.Outcome);
        Assert.Equal(new AllocationFreeze(1, T1), decision.State.Freeze);
        Assert.Equal(AllocationStatus.Disbursed, decision.State.Status);
        Assert.Equal("341322.31", decision.State.NetDu.ToString());
    }

    [Fact]
    public void A_stale_version_is_refused_and_nothing_changes()
    {
        var state = Estimated("8677.69", "9000.00");

        var decision = Allocations.Freeze(state, Request(1));

        Assert.Equal((FreezeOutcome.Refused, "allocation-version-stale"), (decision.Outcome, decision.RefusalReason));
        Assert.Same(state, decision.State);
        Assert.Equal(AllocationStatus.Determined, decision.State.Status);
    }

    [Fact]
    public void A_repeated_freeze_for_the_same_tranche_is_a_no_op_with_the_same_answer()
    {
        var frozen = Allocations.Freeze(Estimated("8677.69"), Request(1)).State;

        var again = Allocations.Freeze(frozen, Request(1));

        Assert.Equal(FreezeOutcome.AlreadyFrozen, again.Outcome);
        Assert.Same(frozen, again.State);
    }

    [Fact]
    public void A_freeze_for_another_tranche_is_refused_while_one_holds()
    {
        var frozen = Allocations.Freeze(Estimated("8677.69"), Request(1)).State;

        var decision = Allocations.Freeze(frozen, Request(1, T2));

        Assert.Equal((FreezeOutcome.Refused, "allocation-frozen-elsewhere"), (decision.Outcome, decision.RefusalReason));
        Assert.Equal(T1, decision.State.Freeze!.TrancheId);
    }

    [Fact]
    public void An_allocation_awaiting_its_estimate_cannot_be_frozen() =>
        Assert.Equal("allocation-not-determined", Allocations.Freeze(AllocationState.Initial(Npvr.GrossPerRegionPerYear), Request(0)).RefusalReason);

    [Fact]
    public void A_re_estimate_while_frozen_is_refused_as_already_disbursed()
    {
        var frozen = Allocations.Freeze(Estimated("8677.69"), Request(1)).State;

        var error = Assert.Throws<DomainException>(() => Allocations.Determine(Npvr, 2025, "achterhoek", frozen, new VatEstimate(Money.Parse("1.00"), null, null))).Error;

        Assert.Equal((ErrorKind.Conflict, "allocation-already-disbursed"), (error.Kind, error.Type));
        Assert.Contains(T1, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Releasing_for_the_tranche_that_holds_the_freeze_returns_to_determined_and_lets_the_estimate_change()
    {
        var frozen = Allocations.Freeze(Estimated("8677.69"), Request(1)).State;

        var release = Allocations.Release(frozen, T1);
        var reestimated = Allocations.Determine(Npvr, 2025, "achterhoek", release.State, new VatEstimate(Money.Parse("10000.00"), null, null));

        Assert.True(release.Released);
        Assert.Null(release.State.Freeze);
        Assert.Equal(AllocationStatus.Determined, release.State.Status);
        Assert.Equal((2, "340000.00"), (reestimated.Version, reestimated.NetDu.ToString()));
    }

    [Fact]
    public void Releasing_for_another_tranche_changes_nothing()
    {
        var frozen = Allocations.Freeze(Estimated("8677.69"), Request(1)).State;

        var release = Allocations.Release(frozen, T2);

        Assert.False(release.Released);
        Assert.Same(frozen, release.State);
    }

    [Fact]
    public void A_late_freeze_request_for_a_released_tranche_is_refused_as_superseded()
    {
        var released = Allocations.Release(Allocations.Freeze(Estimated("8677.69"), Request(1)).State, T1).State;

        var late = Allocations.Freeze(released, Request(1));
        var next = Allocations.Freeze(released, Request(1, T2));

        Assert.Equal((FreezeOutcome.Refused, "tranche-superseded"), (late.Outcome, late.RefusalReason));
        Assert.Equal(FreezeOutcome.Frozen, next.Outcome);
    }

    [Fact]
    public void A_request_naming_another_region_year_is_an_invalid_message()
    {
        var error = Assert.Throws<DomainException>(() => Allocations.Freeze(Estimated("8677.69"), Request(1, "npvr-procesmiddelen.2025.twente.1"))).Error;

        Assert.Equal((ErrorKind.Invalid, "tranche-id-invalid"), (error.Kind, error.Type));
    }
}
