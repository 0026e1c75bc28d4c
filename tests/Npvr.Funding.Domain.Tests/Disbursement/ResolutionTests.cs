using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class ResolutionTests
{
    private static readonly DateTimeOffset ResolvedAt = IssuedAt.AddDays(5);

    /// <summary>The Achterhoek tranche received with <paramref name="receivedAmount"/>, in its region-year.</summary>
    private static (RegionYearTranches Tranches, Tranche Tranche) ReceivedAs(string receivedAmount)
    {
        var issued = IssueAchterhoek();
        var confirmed = Tranches.ConfirmReceipt(issued.Tranche, Receipt(receivedAmount), Acting("GM0222"), Today, false);
        return (issued.Next.With(confirmed), confirmed);
    }

    private static ResolutionDecision Resolve(RegionYearTranches tranches, string trancheId, ResolutionAction? action, string? reason = "Bank booked a partial transfer", bool yearClosed = false) =>
        Tranches.ResolveDiscrepancy(tranches, trancheId, new ResolutionInput(reason, action), "finance-1", yearClosed, ResolvedAt);

    [Fact]
    public void A_shortfall_resolved_by_a_supplement_issues_a_supplementary_tranche_that_is_received_in_turn()
    {
        var (tranches, shortTranche) = ReceivedAs("341000.00");

        var decision = Resolve(tranches, shortTranche.TrancheId, ResolutionAction.Supplement);

        var supplement = decision.Supplementary!;
        Assert.Equal(("npvr-procesmiddelen.2025.achterhoek.2", 2, TrancheKind.Supplementary), (supplement.TrancheId, supplement.Sequence, supplement.Kind));
        Assert.Equal(("322.31", "0.00", shortTranche.TrancheId), (supplement.Amount.ToString(), supplement.BcfDeposit.ToString(), supplement.SupplementsTrancheId));
        Assert.Equal(("GM0222", Funds.Gemeentefonds, 1, TrancheStatus.Issued), (supplement.KassierOrganisationCode, supplement.Fund, supplement.AllocationVersion, supplement.Status));
        Assert.False(decision.Resolved.HasOpenDiscrepancy);
        Assert.Equal(TrancheStatus.Discrepancy, decision.Resolved.Status);
        Assert.Equal([EventTypes.TrancheDiscrepancyResolved, EventTypes.TrancheIssued], DisbursementEvents.Of(decision).Select(e => e.Type));

        var received = Tranches.ConfirmReceipt(supplement, Receipt("322.31"), Acting("GM0222"), Today, false);

        Assert.Equal(TrancheStatus.Received, received.Status);
        Assert.Equal(shortTranche.Amount, shortTranche.Receipt!.Amount + received.Receipt!.Amount);
    }

    [Fact]
    public void An_overpayment_resolved_by_recovery_records_the_amount_to_recover()
    {
        var (tranches, overpaid) = ReceivedAs("341422.31");

        var decision = Resolve(tranches, overpaid.TrancheId, ResolutionAction.Recovery, "Paid twice by the bank");

        Assert.Null(decision.Supplementary);
        Assert.Equal("100.00", decision.Resolved.Resolution!.RecoveryAmount.ToString());
        Assert.Equal(("Paid twice by the bank", "finance-1", ResolvedAt), (decision.Resolved.Resolution.Reason, decision.Resolved.Resolution.ResolvedBy, decision.Resolved.Resolution.ResolvedAt));
        var e = Assert.IsType<TrancheDiscrepancyResolved>(Assert.Single(DisbursementEvents.Of(decision)).Data);
        Assert.Equal(("recovery", "100.00"), (e.Action, e.RecoveryAmount.ToString()));
        Assert.Single(decision.Next.Tranches);
    }

    [Theory]
    [InlineData("341000.00", ResolutionAction.Recovery)]
    [InlineData("341422.31", ResolutionAction.Supplement)]
    public void The_action_must_fit_the_sign_of_the_difference(string receivedAmount, ResolutionAction action)
    {
        var (tranches, tranche) = ReceivedAs(receivedAmount);

        var error = Refusal(() => Resolve(tranches, tranche.TrancheId, action));

        Assert.Equal((ErrorKind.Invalid, "action-does-not-fit"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_missing_action_is_invalid()
    {
        var (tranches, tranche) = ReceivedAs("341000.00");

        Assert.Equal("action-invalid", Refusal(() => Resolve(tranches, tranche.TrancheId, null)).Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("line\u0007bell")]
    public void A_reason_is_required_without_control_characters(string? reason)
    {
        var (tranches, tranche) = ReceivedAs("341000.00");

        var error = Refusal(() => Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement, reason));

        Assert.Equal((ErrorKind.Invalid, "reason-invalid"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_reason_of_500_characters_is_accepted_and_501_is_not()
    {
        var (tranches, tranche) = ReceivedAs("341000.00");

        Assert.Equal("reason-invalid", Refusal(() => Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement, new string('r', 501))).Type);
        Assert.NotNull(Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement, new string('r', 500)).Supplementary);
    }

    [Fact]
    public void A_received_tranche_has_no_open_discrepancy()
    {
        var (tranches, tranche) = ReceivedAs("341322.31");

        var error = Refusal(() => Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement));

        Assert.Equal((ErrorKind.Conflict, "no-open-discrepancy"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_resolved_discrepancy_cannot_be_resolved_again()
    {
        var (tranches, tranche) = ReceivedAs("341000.00");
        var once = Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement);

        var error = Refusal(() => Resolve(once.Next, tranche.TrancheId, ResolutionAction.Supplement));

        Assert.Equal("no-open-discrepancy", error.Type);
        Assert.Equal(2, once.Next.Tranches.Count);
    }

    [Fact]
    public void An_issued_tranche_without_receipt_has_no_open_discrepancy()
    {
        var issued = IssueAchterhoek();

        Assert.Equal("no-open-discrepancy", Refusal(() => Resolve(issued.Next, issued.Tranche.TrancheId, ResolutionAction.Supplement)).Type);
    }

    [Fact]
    public void Resolving_in_a_closed_year_is_a_conflict()
    {
        var (tranches, tranche) = ReceivedAs("341000.00");

        Assert.Equal("year-closed", Refusal(() => Resolve(tranches, tranche.TrancheId, ResolutionAction.Supplement, yearClosed: true)).Type);
    }

    [Fact]
    public void An_unknown_tranche_is_not_found()
    {
        var (tranches, _) = ReceivedAs("341000.00");

        Assert.Equal(ErrorKind.NotFound, Refusal(() => Resolve(tranches, "npvr-procesmiddelen.2025.achterhoek.9", ResolutionAction.Supplement)).Kind);
    }
}
