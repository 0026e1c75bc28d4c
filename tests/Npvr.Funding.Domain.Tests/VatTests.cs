namespace Npvr.Funding.Domain.Tests;

public class VatTests
{
    [Fact]
    public void Achterhoek_worked_example_holds_8677_69_compensable_vat()
    {
        var vat = Vat.ContainedIn(Money.Parse("50000.00"), 21m);
        Assert.Equal("8677.69", vat.ToString());
    }

    [Fact]
    public void Achterhoek_worked_example_pays_341322_31_and_accounts_for_every_euro()
    {
        var gross = Money.Parse("350000.00");
        var deposit = Vat.ContainedIn(Money.Parse("50000.00"), 21m);
        var net = gross - deposit;
        Assert.Equal("341322.31", net.ToString());
        Assert.Equal(gross, net + deposit);
    }

    // 100% on an odd number of cents: the exact VAT is half of it, which ends in .5 cent.
    // 60% holds 3/8 of the amount: 12 cents hold exactly 4.5 cents. 20% holds 1/6: 3 cents hold 0.5 cent.
    [Theory]
    [InlineData("0.01", "100", "0.01")] // 0.5 cent -> 1 cent (banker's rounding would give 0)
    [InlineData("0.05", "100", "0.03")] // 2.5 cents -> 3 (banker's: 2)
    [InlineData("0.03", "100", "0.02")] // 1.5 cents -> 2
    [InlineData("-0.05", "100", "-0.03")] // away from zero on the negative side too
    [InlineData("0.12", "60", "0.05")] // 4.5 cents -> 5 (banker's: 4)
    [InlineData("0.03", "20", "0.01")] // 0.5 cent -> 1
    [InlineData("0.09", "20", "0.02")] // 1.5 cents -> 2
    public void Vat_at_an_exact_half_cent_is_rounded_away_from_zero(string amount, string rate, string expected) =>
        Assert.Equal(expected, Vat.ContainedIn(Money.Parse(amount), decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Theory]
    [InlineData("0.02", "100", "0.01")] // exactly 1 cent, no rounding
    [InlineData("0.04", "20", "0.01")] // 0.666 cent -> 1
    [InlineData("0.02", "20", "0.00")] // 0.333 cent -> 0
    public void Vat_off_the_midpoint_is_rounded_to_the_nearest_cent(string amount, string rate, string expected) =>
        Assert.Equal(expected, Vat.ContainedIn(Money.Parse(amount), decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Theory]
    [InlineData("10900.00", "900.00")] // exactly 9/109
    [InlineData("1000.00", "82.57")] // 8256.88 cents
    public void Reduced_rate_of_9_percent_is_contained_as_9_over_109(string amount, string expected) =>
        Assert.Equal(expected, Vat.ContainedIn(Money.Parse(amount), 9m).ToString());

    [Fact]
    public void Zero_rate_contains_no_vat() =>
        Assert.Equal(Money.Zero, Vat.ContainedIn(Money.Parse("350000.00"), 0m));

    [Theory]
    [InlineData("-1")]
    [InlineData("100.001")]
    [InlineData("101")]
    [InlineData("21.005")]
    public void Rate_outside_0_to_100_with_two_decimals_is_refused(string rate)
    {
        var value = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Vat.IsValidRate(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vat.ContainedIn(Money.Parse("100.00"), value));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("9", true)]
    [InlineData("21", true)]
    [InlineData("21.50", true)]
    [InlineData("100", true)]
    [InlineData("-1", false)]
    [InlineData("100.001", false)]
    [InlineData("101", false)]
    [InlineData("1e1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Rate_text_is_accepted_only_as_a_plain_valid_percentage(string? text, bool valid)
    {
        Assert.Equal(valid, Vat.TryParseRate(text, out var rate));
        if (valid) Assert.Equal(decimal.Parse(text!, System.Globalization.CultureInfo.InvariantCulture), rate);
    }
}
