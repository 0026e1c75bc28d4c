namespace Npvr.Funding.Domain.Tests;

public class MoneyParsingTests
{
    [Theory]
    [InlineData("350000.00", 35_000_000L)]
    [InlineData("0.01", 1L)]
    [InlineData("-12.50", -1_250L)]
    [InlineData("341322.31", 34_132_231L)]
    [InlineData("8677.69", 867_769L)]
    [InlineData("0.00", 0L)]
    [InlineData("9999999999999.99", Money.MaxCents)]
    [InlineData("-9999999999999.99", -Money.MaxCents)]
    public void Amount_with_two_decimals_parses_to_its_cents(string text, long cents)
    {
        Assert.True(Money.TryParse(text, out var money, out var error));
        Assert.Equal(cents, money.Cents);
        Assert.Equal("", error);
        Assert.Equal(cents, Money.Parse(text).Cents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("350000")]
    [InlineData("350000.0")]
    [InlineData("350000.000")]
    [InlineData("1e5")]
    [InlineData("3.5E+5")]
    [InlineData(" 1.00")]
    [InlineData("1.00 ")]
    [InlineData("1,000.00")]
    [InlineData("1000,00")]
    [InlineData("+1.00")]
    [InlineData("01.00")]
    [InlineData("-01.00")]
    [InlineData("NaN")]
    [InlineData("-")]
    [InlineData("-.50")]
    [InlineData(".50")]
    [InlineData("--1.00")]
    [InlineData("1.-5")]
    [InlineData("\uff11.00")]
    [InlineData("99999999999999.00")]
    [InlineData("-99999999999999.00")]
    [InlineData("99999999999999999999.00")]
    public void Malformed_or_out_of_range_amount_is_refused(string? text)
    {
        Assert.False(Money.TryParse(text, out var money, out var error));
        Assert.Equal(Money.Zero, money);
        Assert.NotEqual("", error);
        Assert.Throws<FormatException>(() => Money.Parse(text!));
    }

    [Fact]
    public void Money_with_three_decimals_is_refused_with_a_sentence_naming_the_text()
    {
        Money.TryParse("350000.000", out _, out var error);
        Assert.Contains("350000.000", error, StringComparison.Ordinal);
        Assert.Contains("two decimals", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(35_000_000L, "350000.00")]
    [InlineData(1L, "0.01")]
    [InlineData(-1_250L, "-12.50")]
    [InlineData(-5L, "-0.05")]
    [InlineData(0L, "0.00")]
    [InlineData(34_132_231L, "341322.31")]
    [InlineData(867_769L, "8677.69")]
    [InlineData(Money.MaxCents, "9999999999999.99")]
    public void Money_is_written_with_exactly_two_decimals(long cents, string expected) =>
        Assert.Equal(expected, Money.FromCents(cents).ToString());
}
