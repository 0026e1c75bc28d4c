using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class IssueTests
{
    /// <summary>Ten regions with a kassier and an estimate, Zeeuws-Vlaanderen with a kassier but no estimate.</summary>
    private static SagaDriver TenReadyOneAwaiting()
    {
        var saga = new SagaDriver(NpvrProgramme());
        var estimateCents = 867_769L;
        foreach (var region in Regions.All)
        {
            saga.Kassiers[region.Id] = Code("GM0" + (100 + saga.Kassiers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (region.Id == "zeeuws-vlaanderen") continue;
            saga.Estimate(region.Id, Money.FromCents(estimateCents).ToString());
            estimateCents += 123_457; // a different estimate per region, so a mix-up between regions shows
        }
        return saga;
    }

    [Fact]
    public void Issuing_2025_for_ten_ready_regions_issues_ten_tranches_of_exactly_their_net_du_and_blocks_the_eleventh()
    {
        var saga = TenReadyOneAwaiting();

        var (planned, final) = saga.IssueYear("run-1");

        Assert.Equal(10, planned.QueuedRegionIds.Count);
        Assert.Equal(10, final.Regions.Count(r => r.Outcome == RunOutcome.Issued));
        var blocked = Assert.Single(final.Regions, r => r.Outcome == RunOutcome.Blocked);
        Assert.Equal(("zeeuws-vlaanderen", "awaiting-estimate"), (blocked.RegionId, blocked.Reason));
        foreach (var line in final.Regions.Where(r => r.Outcome == RunOutcome.Issued))
        {
            var tranche = saga.Tranche(line.TrancheId!);
            var allocation = saga.AllocationStates[line.RegionId];
            Assert.Equal(allocation.NetDu, tranche.Amount);
            Assert.Equal(allocation.BcfDeposit, tranche.BcfDeposit);
            Assert.Equal(allocation.Version, tranche.AllocationVersion);
            Assert.Equal(AllocationStatus.Disbursed, allocation.Status);
        }
        Assert.Equal(10, saga.Journal.Count(e => e.Type == EventTypes.TrancheIssued));
    }

    [Fact]
    public void Tranche_amounts_plus_bcf_deposits_add_up_to_the_gross_of_the_issued_regions()
    {
        var saga = TenReadyOneAwaiting();

        var (_, final) = saga.IssueYear("run-1");

        var tranches = final.Regions.Where(r => r.Outcome == RunOutcome.Issued).Select(r => saga.Tranche(r.TrancheId!)).ToList();
        var paidCents = tranches.Sum(t => t.Amount.Cents) + tranches.Sum(t => t.BcfDeposit.Cents);
        Assert.Equal(10 * Gross.Cents, paidCents);
    }

    [Fact]
    public void The_achterhoek_tranche_pays_341322_31_through_the_gemeentefonds_to_the_kassier()
    {
        var decision = IssueAchterhoek();

        var t = decision.Tranche;
        Assert.True(decision.Created);
        Assert.Equal(("npvr-procesmiddelen.2025.achterhoek.1", 1, TrancheKind.Regular), (t.TrancheId, t.Sequence, t.Kind));
        Assert.Equal(("341322.31", "8677.69"), (t.Amount.ToString(), t.BcfDeposit.ToString()));
        Assert.Equal(("GM0222", Funds.Gemeentefonds, 1, "run-1"), (t.KassierOrganisationCode, t.Fund, t.AllocationVersion, t.RunId));
        Assert.Equal((TrancheStatus.Issued, IssuedAt), (t.Status, t.IssuedAt));
        Assert.Equal(RegionRun.Issued("achterhoek", t.TrancheId), decision.RunLine("run-1"));
    }

    [Fact]
    public void Issuing_the_same_year_twice_pays_once()
    {
        var saga = TenReadyOneAwaiting();
        saga.IssueYear("run-1");

        var (planned, final) = saga.IssueYear("run-2");

        Assert.Equal(10, planned.Regions.Count(r => r.Outcome == RunOutcome.AlreadyIssued));
        Assert.Equal(10, final.Regions.Count(r => r.Outcome == RunOutcome.AlreadyIssued));
        Assert.All(saga.RegionYears.Values, r => Assert.True(r.Tranches.Count <= 1));
        Assert.Equal(10, saga.Journal.Count(e => e.Type == EventTypes.TrancheIssued));
    }

    [Fact]
    public void A_repeated_frozen_answer_returns_the_same_tranche_and_raises_nothing()
    {
        var first = IssueAchterhoek();
        var frozen = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, first.Tranche.Amount, first.Tranche.BcfDeposit, first.Tranche.TrancheId, "run-2");

        var again = Tranches.Issue(first.Next, frozen, Code("GM0222"), Funds.Gemeentefonds, false, IssuedAt.AddHours(1));

        Assert.False(again.Created);
        Assert.Same(first.Next, again.Next);
        Assert.Equal(first.Tranche, again.Tranche);
        Assert.Empty(DisbursementEvents.Of(again));
        Assert.Equal(RunOutcome.AlreadyIssued, again.RunLine("run-2").Outcome);
        Assert.Equal(RunOutcome.Issued, again.RunLine("run-1").Outcome);
    }

    [Fact]
    public void A_repeated_answer_with_other_figures_for_an_existing_tranche_is_a_broken_invariant()
    {
        var first = IssueAchterhoek();
        var other = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 2, Gross, Money.Parse("340000.00"), Money.Parse("10000.00"), first.Tranche.TrancheId, "run-2");

        Assert.Throws<InvalidOperationException>(() => Tranches.Issue(first.Next, other, Code("GM0222"), Funds.Gemeentefonds, false, IssuedAt));
    }

    [Fact]
    public void A_frozen_split_that_does_not_add_up_to_the_gross_is_a_broken_invariant()
    {
        var frozen = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.70"), "npvr-procesmiddelen.2025.achterhoek.1", "run-1");

        Assert.Throws<InvalidOperationException>(() => Tranches.Issue(NoTranches("achterhoek"), frozen, Code("GM0222"), Funds.Gemeentefonds, false, IssuedAt));
    }

    [Fact]
    public void A_second_regular_tranche_while_the_first_is_not_voided_is_a_broken_invariant()
    {
        var first = IssueAchterhoek();
        var second = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, first.Tranche.Amount, first.Tranche.BcfDeposit, "npvr-procesmiddelen.2025.achterhoek.2", "run-2");

        Assert.Throws<InvalidOperationException>(() => Tranches.Issue(first.Next, second, Code("GM0222"), Funds.Gemeentefonds, false, IssuedAt));
    }

    [Fact]
    public void Issuing_into_a_closed_year_is_a_conflict()
    {
        var frozen = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"), "npvr-procesmiddelen.2025.achterhoek.1", "run-1");

        var error = Refusal(() => Tranches.Issue(NoTranches("achterhoek"), frozen, Code("GM0222"), Funds.Gemeentefonds, true, IssuedAt));

        Assert.Equal((ErrorKind.Conflict, "year-closed"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_freeze_answered_after_the_year_closed_blocks_the_run_line_and_issues_nothing()
    {
        var frozen = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"), "npvr-procesmiddelen.2025.achterhoek.1", "run-1");

        var closed = Tranches.AnswerFreeze(NoTranches("achterhoek"), frozen, Code("GM0222"), Funds.Gemeentefonds, true, IssuedAt);
        var open = Tranches.AnswerFreeze(NoTranches("achterhoek"), frozen, Code("GM0222"), Funds.Gemeentefonds, false, IssuedAt);

        Assert.Null(closed.Decision);
        Assert.Equal(RegionRun.Blocked("achterhoek", BlockReasons.YearClosed), closed.RunLine);
        Assert.True(open.Decision!.Created);
        Assert.Equal(RegionRun.Issued("achterhoek", frozen.TrancheId), open.RunLine);
        // Issued before the close, the same answer again still names the tranche: the close changes no issued line.
        Assert.Equal(RegionRun.Issued("achterhoek", frozen.TrancheId), Tranches.AnswerFreeze(open.Decision.Next, frozen, Code("GM0222"), Funds.Gemeentefonds, true, IssuedAt).RunLine);
    }

    [Fact]
    public void Issuing_to_a_kassier_the_programme_fund_cannot_pay_is_a_conflict()
    {
        var frozen = new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"), "npvr-procesmiddelen.2025.achterhoek.1", "run-1");

        var error = Refusal(() => Tranches.Issue(NoTranches("achterhoek"), frozen, Code("PV25"), Funds.Gemeentefonds, false, IssuedAt));

        Assert.Equal((ErrorKind.Conflict, "fund-mismatch"), (error.Kind, error.Type));
    }

    [Fact]
    public void Void_then_issue_again_gives_sequence_2_on_the_current_estimate()
    {
        var saga = new SagaDriver(NpvrProgramme());
        saga.Kassiers["achterhoek"] = Code("GM0222");
        saga.Estimate("achterhoek", "8677.69");
        var first = saga.IssueYear("run-1").Final.Regions.Single(r => r.RegionId == "achterhoek").TrancheId!;

        saga.Void(first);
        saga.Estimate("achterhoek", "10000.00");
        var line = saga.IssueYear("run-2").Final.Regions.Single(r => r.RegionId == "achterhoek");

        var second = saga.Tranche(line.TrancheId!);
        Assert.Equal(("npvr-procesmiddelen.2025.achterhoek.2", 2), (second.TrancheId, second.Sequence));
        Assert.Equal(("340000.00", 2), (second.Amount.ToString(), second.AllocationVersion));
        Assert.Equal(TrancheStatus.Voided, saga.Tranche(first).Status);
        Assert.Equal(new AllocationFreeze(2, second.TrancheId), saga.AllocationStates["achterhoek"].Freeze);
        Assert.Contains(saga.Journal, e => e.Type == EventTypes.AllocationReleased);
    }

    [Fact]
    public void A_re_estimate_after_the_plan_but_before_the_freeze_leaves_the_region_blocked_stale_and_pays_nothing()
    {
        var saga = new SagaDriver(NpvrProgramme());
        saga.Kassiers["achterhoek"] = Code("GM0222");
        saga.Estimate("achterhoek", "8677.69");
        var stale = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, saga.Facts("achterhoek"), "run-1").Pending!;

        saga.Estimate("achterhoek", "9000.00");
        var answer = FreezeAllocation.For(stale).Answer(Allocations.Freeze(saga.AllocationStates["achterhoek"], FreezeAllocation.For(stale).ToRequest()));

        var refused = Assert.IsType<AllocationFreezeRefused>(answer.Data);
        Assert.Equal(("allocation-version-stale", 1, 2), (refused.Reason, refused.RequestedVersion, refused.CurrentVersion));
        Assert.Equal(RegionRun.Blocked("achterhoek", "allocation-version-stale"), refused.RunLine());
        Assert.Empty(saga.RegionYears["achterhoek"].Tranches);
    }
}
