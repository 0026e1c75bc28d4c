using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class IssueRunsTests
{
    private static IReadOnlyList<RegionYearFacts> AllReadyExcept(string regionId, Func<string, RegionYearFacts> instead) =>
        [.. Regions.All.Select(r => r.Id == regionId ? instead(r.Id) : Ready(r.Id))];

    private static RegionRun PlanOne(RegionYearFacts facts, bool yearClosed = false, string fund = Funds.Gemeentefonds) =>
        IssueRuns.Plan("run-1", NpvrProgramme(fund), Year, yearClosed, AllReadyExcept(facts.RegionId, _ => facts), IssuedAt)
            .Regions.Single(r => r.RegionId == facts.RegionId);

    [Fact]
    public void Ten_ready_regions_and_one_without_estimate_give_ten_queued_and_one_blocked_awaiting_estimate()
    {
        var facts = AllReadyExcept("zeeuws-vlaanderen", id => new RegionYearFacts(id, null, Code("GM1714"), NoTranches(id)));

        var run = IssueRuns.Plan("run-1", NpvrProgramme(), Year, false, facts, IssuedAt);

        Assert.Equal(11, run.Regions.Count);
        Assert.Equal(10, run.Regions.Count(r => r.Outcome == RunOutcome.Queued));
        var blocked = Assert.Single(run.Regions, r => r.Outcome == RunOutcome.Blocked);
        Assert.Equal(("zeeuws-vlaanderen", "awaiting-estimate"), (blocked.RegionId, blocked.Reason));
        Assert.Equal(10, run.QueuedRegionIds.Count);
        Assert.DoesNotContain("zeeuws-vlaanderen", run.QueuedRegionIds);
        Assert.Equal(("run-1", ProgrammeId, Year, IssuedAt), (run.RunId, run.ProgrammeId, run.Year, run.StartedAt));
    }

    [Fact]
    public void A_region_without_kassier_in_force_is_blocked_kassier_not_designated() =>
        Assert.Equal("kassier-not-designated", PlanOne(new RegionYearFacts("twente", Determined("0.00"), null, NoTranches("twente"))).Reason);

    [Theory]
    [InlineData(Funds.Gemeentefonds, "PV25")]
    [InlineData(Funds.Provinciefonds, "GM0222")]
    public void A_kassier_whose_kind_does_not_fit_the_programme_fund_is_blocked_fund_mismatch(string fund, string kassier)
    {
        var line = IssueRuns.Plan("run-1", NpvrProgramme(fund), Year, false,
            [.. Regions.All.Select(r => r.Id == "achterhoek" ? Ready(r.Id, kassier: kassier) : Ready(r.Id, kassier: fund == Funds.Gemeentefonds ? "GM0222" : "PV25"))],
            IssuedAt).Regions.Single(r => r.RegionId == "achterhoek");

        Assert.Equal((RunOutcome.Blocked, "fund-mismatch"), (line.Outcome, line.Reason));
    }

    [Fact]
    public void A_provincie_kassier_is_queued_under_the_provinciefonds()
    {
        var decision = IssueRuns.DecideRegion(NpvrProgramme(Funds.Provinciefonds), Year, false, Ready("achterhoek", kassier: "PV25"), "run-1");

        Assert.Equal(RunOutcome.Queued, decision.Run.Outcome);
        Assert.Equal((Funds.Provinciefonds, "PV25"), (decision.Pending!.Fund, decision.Pending.Kassier.Value));
    }

    [Fact]
    public void A_closed_year_blocks_every_region_with_year_closed()
    {
        var run = IssueRuns.Plan("run-1", NpvrProgramme(), Year, true, [.. Regions.All.Select(r => Ready(r.Id))], IssuedAt);

        Assert.All(run.Regions, r => Assert.Equal((RunOutcome.Blocked, "year-closed"), (r.Outcome, r.Reason)));
        Assert.Empty(run.QueuedRegionIds);
    }

    [Fact]
    public void A_year_outside_the_programme_refuses_the_whole_request()
    {
        var error = Refusal(() => IssueRuns.Plan("run-1", NpvrProgramme(), 2024, false, [.. Regions.All.Select(r => Ready(r.Id))], IssuedAt));

        Assert.Equal((ErrorKind.Invalid, "year-not-in-programme"), (error.Kind, error.Type));
    }

    [Fact]
    public void An_allocation_that_pays_nothing_is_blocked_nothing_to_pay() =>
        Assert.Equal("nothing-to-pay", PlanOne(new RegionYearFacts("twente", Determined("350000.00"), Code("GM0153"), NoTranches("twente"))).Reason);

    [Fact]
    public void A_region_year_with_an_issued_tranche_is_already_issued_naming_it()
    {
        var issued = IssueAchterhoek(runId: "run-earlier");

        var line = PlanOne(Ready("achterhoek") with { Tranches = issued.Next });

        Assert.Equal((RunOutcome.AlreadyIssued, "npvr-procesmiddelen.2025.achterhoek.1"), (line.Outcome, line.TrancheId));
    }

    [Fact]
    public void A_voided_tranche_does_not_make_the_year_issued_and_the_next_tranche_is_sequence_2()
    {
        var issued = IssueAchterhoek();
        var voided = issued.Next.With(Tranches.Void(issued.Tranche, "Wrong account", "finance-1", false, IssuedAt));

        var decision = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, Ready("achterhoek") with { Tranches = voided }, "run-2");

        Assert.Equal(RunOutcome.Queued, decision.Run.Outcome);
        Assert.Equal(("npvr-procesmiddelen.2025.achterhoek.2", 2), (decision.Pending!.TrancheId, decision.Pending.Sequence));
    }

    [Fact]
    public void A_supplementary_tranche_does_not_count_as_a_second_issue_of_the_year()
    {
        var issued = IssueAchterhoek(runId: "run-earlier");
        var short1 = Tranches.ConfirmReceipt(issued.Tranche, Receipt("341000.00"), Acting("GM0222"), Today, false);
        var resolved = Tranches.ResolveDiscrepancy(issued.Next.With(short1), short1.TrancheId, new ResolutionInput("Partial transfer", ResolutionAction.Supplement), "finance-1", false, IssuedAt);

        var line = PlanOne(Ready("achterhoek") with { Tranches = resolved.Next });

        Assert.Equal(2, resolved.Next.Tranches.Count);
        Assert.Equal((RunOutcome.AlreadyIssued, issued.Tranche.TrancheId), (line.Outcome, line.TrancheId));
    }

    [Fact]
    public void Deciding_again_before_allocation_answers_asks_for_the_same_tranche_and_version()
    {
        var first = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, Ready("achterhoek"), "run-1").Pending;
        var second = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, Ready("achterhoek"), "run-2").Pending;

        Assert.Equal((first!.TrancheId, first.AllocationVersion), (second!.TrancheId, second.AllocationVersion));
    }

    [Fact]
    public void The_run_that_issued_a_tranche_sees_issued_when_it_decides_again()
    {
        var issued = IssueAchterhoek(runId: "run-1");

        var line = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, Ready("achterhoek") with { Tranches = issued.Next }, "run-1").Run;

        Assert.Equal((RunOutcome.Issued, issued.Tranche.TrancheId), (line.Outcome, line.TrancheId));
    }

    [Fact]
    public void A_region_outside_the_programme_is_an_invalid_message()
    {
        var programme = NpvrProgramme() with { Regions = ["achterhoek"] };

        var error = Refusal(() => IssueRuns.DecideRegion(programme, Year, false, Ready("twente"), "run-1"));

        Assert.Equal("region-not-in-programme", error.Type);
    }

    [Fact]
    public void Facts_missing_for_a_programme_region_are_a_programming_error() =>
        Assert.Throws<InvalidOperationException>(() => IssueRuns.Plan("run-1", NpvrProgramme(), Year, false, [.. Regions.All.Skip(1).Select(r => Ready(r.Id))], IssuedAt));

    [Fact]
    public void A_run_line_only_moves_forward()
    {
        var run = IssueRuns.Plan("run-1", NpvrProgramme(), Year, false, [.. Regions.All.Select(r => Ready(r.Id))], IssuedAt);

        var issued = IssueRuns.Record(run, RegionRun.Issued("twente", "npvr-procesmiddelen.2025.twente.1"));
        var afterRedelivery = IssueRuns.Record(IssueRuns.Record(issued, RegionRun.Queued("twente")), RegionRun.AlreadyIssued("twente", "npvr-procesmiddelen.2025.twente.1"));
        var blockedThenIssued = IssueRuns.Record(IssueRuns.Record(run, RegionRun.Blocked("achterhoek", "allocation-version-stale")), RegionRun.Issued("achterhoek", "x"));

        Assert.Equal(RunOutcome.Issued, afterRedelivery.Regions.Single(r => r.RegionId == "twente").Outcome);
        Assert.Equal(RunOutcome.Issued, blockedThenIssued.Regions.Single(r => r.RegionId == "achterhoek").Outcome);
        Assert.Equal(RunOutcome.Queued, run.Regions.Single(r => r.RegionId == "twente").Outcome);
    }
}
