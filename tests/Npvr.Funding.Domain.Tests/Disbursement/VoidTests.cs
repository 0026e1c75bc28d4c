using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class VoidTests
{
    private static readonly DateTimeOffset VoidedAt = IssuedAt.AddHours(2);

    [Fact]
    public void An_issued_tranche_is_voided_with_its_reason_and_raises_tranche_voided()
    {
        var voided = Tranches.Void(IssueAchterhoek().Tranche, "  Wrong bank account  ", "finance-1", false, VoidedAt);

        Assert.Equal(TrancheStatus.Voided, voided.Status);
        Assert.Equal(new TrancheVoid("Wrong bank account", VoidedAt, "finance-1"), voided.Voiding);
        var e = Assert.IsType<TrancheVoided>(Assert.Single(DisbursementEvents.OfVoid(voided)).Data);
        Assert.Equal((voided.TrancheId, 1, "regular", "341322.31"), (e.TrancheId, e.AllocationVersion, e.Kind, e.Amount.ToString()));
    }

    [Theory]
    [InlineData("341322.31")]
    [InlineData("341000.00")]
    public void A_tranche_with_a_receipt_cannot_be_voided(string receivedAmount)
    {
        var confirmed = Tranches.ConfirmReceipt(IssueAchterhoek().Tranche, Receipt(receivedAmount), Acting("GM0222"), Today, false);

        var error = Refusal(() => Tranches.Void(confirmed, "Too late", "finance-1", false, VoidedAt));

        Assert.Equal((ErrorKind.Conflict, "tranche-not-voidable"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_voided_tranche_cannot_be_voided_again()
    {
        var voided = Tranches.Void(IssueAchterhoek().Tranche, "Wrong account", "finance-1", false, VoidedAt);

        Assert.Equal("tranche-not-voidable", Refusal(() => Tranches.Void(voided, "Again", "finance-1", false, VoidedAt)).Type);
    }

    [Fact]
    public void Voiding_needs_a_reason() =>
        Assert.Equal("reason-invalid", Refusal(() => Tranches.Void(IssueAchterhoek().Tranche, "", "finance-1", false, VoidedAt)).Type);

    [Fact]
    public void Voiding_in_a_closed_year_is_a_conflict() =>
        Assert.Equal("year-closed", Refusal(() => Tranches.Void(IssueAchterhoek().Tranche, "Wrong account", "finance-1", true, VoidedAt)).Type);
}
