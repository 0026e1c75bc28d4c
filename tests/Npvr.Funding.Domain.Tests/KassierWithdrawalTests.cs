using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Domain.Tests;

public class KassierWithdrawalTests
{
    /// <summary>20 January 2025 in Amsterdam.</summary>
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 1, 20);

    private static Designation Made(string code, DateOnly from, int minutesBefore) => new(
        "achterhoek", OrganisationCode.Parse(code), "Gemeente " + code, from, null, Now.AddMinutes(-minutesBefore), "coordinator-1");

    private static readonly Designation Doetinchem = Made("GM0222", new DateOnly(2025, 1, 1), 30);
    private static readonly Designation Typo = Made("PV25", new DateOnly(2026, 12, 1), 20);

    /// <summary>Doetinchem in force since 1 January 2025, Gelderland designated by mistake for 1 December 2026.</summary>
    private static KassierHead Head() => KassierHead.Empty.Then(Doetinchem, Today).Then(Typo, Today);

    private static WithdrawDesignation Command(DateOnly? from = null, string? reason = "Typed 2026 for 2025", string region = "achterhoek") =>
        new(region, from ?? Typo.EffectiveFrom, reason);

    private static DomainError Refusal(KassierHead head, WithdrawDesignation command) =>
        Assert.Throws<DomainException>(() => KassierDesignations.Withdraw(head, command, Now, "coordinator-2")).Error;

    [Fact]
    public void A_designation_still_to_come_is_withdrawn_with_when_by_whom_and_why()
    {
        var withdrawal = KassierDesignations.Withdraw(Head(), Command(reason: "  Typed 2026 for 2025 "), Now, "coordinator-2");

        Assert.Equal(new DesignationWithdrawal("achterhoek", Typo.Organisation, Typo.EffectiveFrom, Typo.DesignatedAt, "Typed 2026 for 2025", Now, "coordinator-2"), withdrawal);
        Assert.True(withdrawal.Withdraws(Typo));
        Assert.False(withdrawal.Withdraws(Doetinchem));
    }

    [Fact]
    public void After_the_withdrawal_a_designation_dated_before_the_withdrawn_one_is_accepted_again()
    {
        var head = Head();
        var aalten = new DesignateKassier("achterhoek", "GM0197", "Gemeente Aalten", new DateOnly(2025, 6, 1), null);
        Assert.Equal("effective-from-before-current",
            Assert.Throws<DomainException>(() => KassierDesignations.Designate(head.DecisionHistory, aalten, Now, "coordinator-1")).Error.Type);

        var withdrawn = head.Without(KassierDesignations.Withdraw(head, Command(), Now, "coordinator-2"));
        var designated = KassierDesignations.Designate(withdrawn.DecisionHistory, aalten, Now, "coordinator-1");

        Assert.Equal(Doetinchem, withdrawn.Latest);
        Assert.Equal(2, withdrawn.Designations);
        Assert.Equal("GM0197", designated.Organisation.Value);
        var next = withdrawn.Then(designated, Today);
        Assert.Equal(Doetinchem, next.InForceOn(new DateOnly(2025, 5, 31)));
        Assert.Equal(designated, next.InForceOn(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_withdrawn_designation_is_never_in_force()
    {
        var withdrawal = KassierDesignations.Withdraw(Head(), Command(), Now, "coordinator-2");
        Designation[] history = [Doetinchem, Typo];

        Assert.Equal(Typo, KassierDesignations.InForceOn(history, [], new DateOnly(2027, 1, 1)));
        Assert.Equal(Doetinchem, KassierDesignations.InForceOn(history, [withdrawal], new DateOnly(2027, 1, 1)));
        Assert.Equal(Doetinchem, Head().Without(withdrawal).InForceOn(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void A_withdrawal_frees_its_date_and_what_the_withdrawn_one_replaced_stays_replaced()
    {
        var replaced = Made("GM0153", Typo.EffectiveFrom, 25);
        var head = KassierHead.Empty.Then(Doetinchem, Today).Then(replaced, Today).Then(Typo, Today);
        var withdrawal = KassierDesignations.Withdraw(head, Command(), Now, "coordinator-2");

        Assert.True(withdrawal.Withdraws(Typo));
        Assert.False(withdrawal.Withdraws(replaced));
        Assert.Equal(Doetinchem, head.Without(withdrawal).InForceOn(new DateOnly(2027, 1, 1)));
        Assert.Equal(Doetinchem, KassierDesignations.InForceOn([Doetinchem, replaced, Typo], [withdrawal], new DateOnly(2027, 1, 1)));
    }

    [Theory]
    [InlineData("2025-01-20")]
    [InlineData("2025-01-01")]
    [InlineData("2024-06-01")]
    public void A_designation_whose_date_has_come_cannot_be_withdrawn(string from)
    {
        var error = Refusal(Head(), Command(from: DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("designation-in-effect", error.Type);
    }

    [Fact]
    public void A_designation_taking_effect_today_in_Amsterdam_is_in_effect_though_it_is_still_yesterday_in_UTC()
    {
        var lateEvening = new DateTimeOffset(2025, 1, 20, 23, 30, 0, TimeSpan.Zero); // 21 January 00:30 in Amsterdam
        var tomorrow = Made("GM0197", new DateOnly(2025, 1, 21), 10);
        var head = KassierHead.Empty.Then(Doetinchem, Today).Then(tomorrow, Today);

        var error = Assert.Throws<DomainException>(() => KassierDesignations.Withdraw(head, Command(from: tomorrow.EffectiveFrom), lateEvening, "c")).Error;

        Assert.Equal("designation-in-effect", error.Type);
    }

    [Theory]
    [InlineData("2026-11-30")]
    [InlineData("2026-12-02")]
    [InlineData("9999-12-31")]
    public void A_date_still_to_come_without_a_designation_is_not_found(string from)
    {
        var error = Refusal(Head(), Command(from: DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("designation-not-found", error.Type);
    }

    [Fact]
    public void A_withdrawn_designation_cannot_be_withdrawn_again()
    {
        var head = Head();
        var withdrawn = head.Without(KassierDesignations.Withdraw(head, Command(), Now, "coordinator-2"));

        Assert.Equal("designation-not-found", Refusal(withdrawn, Command()).Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Typo\u0000")]
    [InlineData("Ty\npo")]
    public void A_reason_is_required_as_plain_text(string? reason) =>
        Assert.Equal("reason-invalid", Refusal(Head(), Command(reason: reason)).Type);

    [Fact]
    public void A_reason_longer_than_the_bound_is_refused_and_one_at_the_bound_passes()
    {
        Assert.Equal("reason-invalid", Refusal(Head(), Command(reason: new string('x', KassierDesignations.MaxReasonLength + 1))).Type);
        Assert.Equal(KassierDesignations.MaxReasonLength,
            KassierDesignations.Withdraw(Head(), Command(reason: new string('x', KassierDesignations.MaxReasonLength)), Now, "c").Reason.Length);
    }

    [Fact]
    public void The_date_is_required() =>
        Assert.Equal("effective-from-required", Refusal(Head(), new WithdrawDesignation("achterhoek", null, "Typo")).Type);

    [Fact]
    public void An_unknown_region_is_not_found() =>
        Assert.Equal("region-not-found", Refusal(Head(), Command(region: "randstad")).Type);

    [Fact]
    public void Folding_a_withdrawal_of_no_candidate_is_a_programming_error()
    {
        var stranger = new DesignationWithdrawal("achterhoek", Typo.Organisation, Typo.EffectiveFrom, Typo.DesignatedAt.AddTicks(1), "x", Now, "c");

        Assert.Throws<InvalidOperationException>(() => Head().Without(stranger));
    }
}
