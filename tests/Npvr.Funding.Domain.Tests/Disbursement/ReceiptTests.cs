using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class ReceiptTests
{
    private static Tranche Issued() => IssueAchterhoek().Tranche;

    private static Tranche Confirm(Tranche tranche, ReceiptInput receipt, string acting = "GM0222", bool yearClosed = false) =>
        Tranches.ConfirmReceipt(tranche, receipt, Acting(acting), Today, yearClosed);

    [Fact]
    public void The_kassier_confirming_the_exact_amount_makes_the_tranche_received()
    {
        var received = Confirm(Issued(), Receipt("341322.31", new DateOnly(2025, 4, 3), "NL12BANK0001"));

        Assert.Equal(TrancheStatus.Received, received.Status);
        Assert.Equal(new TrancheReceipt(new DateOnly(2025, 4, 3), Money.Parse("341322.31"), "NL12BANK0001"), received.Receipt);
        var e = Assert.IsType<TrancheReceived>(Assert.Single(DisbursementEvents.OfReceipt(received)).Data);
        Assert.Equal(("341322.31", "NL12BANK0001"), (e.Amount.ToString(), e.BankReference));
    }

    [Theory]
    [InlineData("341000.00", "-322.31")]
    [InlineData("341322.32", "0.01")]
    public void Another_amount_is_a_discrepancy_that_keeps_both_figures(string receivedAmount, string difference)
    {
        var confirmed = Confirm(Issued(), Receipt(receivedAmount));

        Assert.Equal(TrancheStatus.Discrepancy, confirmed.Status);
        Assert.True(confirmed.HasOpenDiscrepancy);
        Assert.Equal(("341322.31", receivedAmount), (confirmed.Amount.ToString(), confirmed.Receipt!.Amount.ToString()));
        var e = Assert.IsType<TrancheDiscrepancyRaised>(Assert.Single(DisbursementEvents.OfReceipt(confirmed)).Data);
        Assert.Equal(("341322.31", receivedAmount, difference), (e.Expected.ToString(), e.Received.ToString(), e.Difference.ToString()));
    }

    [Fact]
    public void A_second_confirmation_is_a_conflict()
    {
        var received = Confirm(Issued(), Receipt("341322.31"));

        var error = Refusal(() => Confirm(received, Receipt("341322.31")));

        Assert.Equal((ErrorKind.Conflict, "tranche-already-confirmed"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_second_confirmation_after_a_discrepancy_is_a_conflict_too() =>
        Assert.Equal("tranche-already-confirmed", Refusal(() => Confirm(Confirm(Issued(), Receipt("1.00")), Receipt("341322.31"))).Type);

    [Fact]
    public void Another_organisation_may_not_confirm()
    {
        var error = Refusal(() => Confirm(Issued(), Receipt("341322.31"), acting: "GM1859"));

        Assert.Equal((ErrorKind.Forbidden, "not-kassier-of-tranche"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_caller_without_an_organisation_may_not_confirm() =>
        Assert.Equal(ErrorKind.Forbidden, Refusal(() => Tranches.ConfirmReceipt(Issued(), Receipt("341322.31"), Acting(), Today, false)).Kind);

    [Fact]
    public void A_replaced_kassier_still_confirms_the_tranche_paid_to_them_and_the_new_kassier_cannot()
    {
        // Issued to GM0222; the region names GM1859 afterwards. The tranche keeps the organisation it was paid to.
        var tranche = Issued();

        var byNewKassier = Refusal(() => Confirm(tranche, Receipt("341322.31"), acting: "GM1859"));
        var byOldKassier = Confirm(tranche, Receipt("341322.31"), acting: "GM0222");

        Assert.Equal("not-kassier-of-tranche", byNewKassier.Type);
        Assert.Equal(TrancheStatus.Received, byOldKassier.Status);
    }

    [Fact]
    public void A_voided_tranche_cannot_be_confirmed()
    {
        var voided = Tranches.Void(Issued(), "Wrong account", "finance-1", false, IssuedAt);

        var error = Refusal(() => Confirm(voided, Receipt("341322.31")));

        Assert.Equal((ErrorKind.Conflict, "tranche-voided"), (error.Kind, error.Type));
    }

    [Fact]
    public void A_receipt_in_a_closed_year_is_a_conflict()
    {
        var error = Refusal(() => Confirm(Issued(), Receipt("341322.31"), yearClosed: true));

        Assert.Equal((ErrorKind.Conflict, "year-closed"), (error.Kind, error.Type));
    }

    [Fact]
    public void Received_on_the_issue_date_and_on_today_are_accepted()
    {
        Assert.Equal(TrancheStatus.Received, Confirm(Issued(), Receipt("341322.31", new DateOnly(2025, 4, 1))).Status);
        Assert.Equal(TrancheStatus.Received, Confirm(Issued(), Receipt("341322.31", Today)).Status);
    }

    [Theory]
    [InlineData(2025, 3, 31)]
    [InlineData(2025, 4, 11)]
    public void Received_before_the_issue_date_or_after_today_is_invalid_naming_the_field(int year, int month, int day)
    {
        var error = Refusal(() => Confirm(Issued(), Receipt("341322.31", new DateOnly(year, month, day))));

        Assert.Equal((ErrorKind.Invalid, "received-on-invalid"), (error.Kind, error.Type));
        Assert.Contains("receivedOn", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("-341322.31")]
    public void An_amount_of_zero_or_less_is_invalid(string amount) =>
        Assert.Equal("amount-invalid", Refusal(() => Confirm(Issued(), Receipt(amount))).Type);

    [Fact]
    public void A_missing_amount_or_date_is_invalid()
    {
        Assert.Equal("amount-invalid", Refusal(() => Confirm(Issued(), new ReceiptInput(Today, null, "REF"))).Type);
        Assert.Equal("received-on-invalid", Refusal(() => Confirm(Issued(), new ReceiptInput(null, Money.Parse("1.00"), "REF"))).Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("REF\n1")]
    [InlineData("REF\u00a01")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void A_bank_reference_must_be_1_to_64_printable_characters(string? reference)
    {
        var error = Refusal(() => Confirm(Issued(), Receipt("341322.31", bankReference: reference)));

        Assert.Equal((ErrorKind.Invalid, "bank-reference-invalid"), (error.Kind, error.Type));
        Assert.Contains("bankReference", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_reference_of_64_printable_characters_is_accepted() =>
        Assert.Equal(TrancheStatus.Received, Confirm(Issued(), Receipt("341322.31", bankReference: new string('A', 63) + "~")).Status);

    [Fact]
    public void The_shape_of_a_receipt_can_be_checked_before_anything_is_read()
    {
        Assert.Equal(new TrancheReceipt(Today, Money.Parse("1.00"), "R"), Tranches.CheckReceipt(new ReceiptInput(Today, Money.Parse("1.00"), "R"), Today));
        Assert.Equal("received-on-invalid", Refusal(() => Tranches.CheckReceipt(new ReceiptInput(Today.AddDays(1), Money.Parse("1.00"), "R"), Today)).Type);
    }
}
