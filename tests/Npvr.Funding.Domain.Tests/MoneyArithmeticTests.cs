using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Npvr.Funding.Domain.Tests;

public class MoneyArithmeticTests
{
    [Fact]
    public void Sum_and_difference_are_exact_in_cents()
    {
        Assert.Equal(34_132_231L, (Money.Parse("350000.00") - Money.Parse("8677.69")).Cents);
        Assert.Equal(35_000_000L, (Money.Parse("341322.31") + Money.Parse("8677.69")).Cents);
        Assert.Equal(-1_250L, (-Money.Parse("12.50")).Cents);
    }

    [Fact]
    public void Addition_past_the_largest_amount_throws()
    {
        var max = Money.FromCents(Money.MaxCents);
        Assert.Throws<OverflowException>(() => max + Money.FromCents(1));
    }

    [Fact]
    public void Subtraction_past_the_smallest_amount_throws()
    {
        var min = Money.FromCents(-Money.MaxCents);
        Assert.Throws<OverflowException>(() => min - Money.FromCents(1));
    }

    [Fact]
    public void Addition_that_overflows_a_long_throws_instead_of_wrapping()
    {
        var huge = new Money(long.MaxValue);
        Assert.Throws<OverflowException>(() => huge + new Money(1));
    }

    [Theory]
    [InlineData(Money.MaxCents + 1)]
    [InlineData(-Money.MaxCents - 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Cents_outside_the_supported_range_are_refused(long cents) =>
        Assert.Throws<OverflowException>(() => Money.FromCents(cents));

    [Fact]
    public void Comparison_follows_the_cents()
    {
        Assert.True(Money.Parse("-0.01") < Money.Zero);
        Assert.True(Money.Parse("0.02") > Money.Parse("0.01"));
        Assert.True(Money.Parse("-0.01").IsNegative);
        Assert.False(Money.Zero.IsNegative);
        Assert.True(Money.Parse("1.00").CompareTo(Money.Parse("0.99")) > 0);
    }

    [Property]
    public Property Any_amount_in_range_survives_a_round_trip_through_its_text() =>
        Prop.ForAll(Arb.From(Generators.CentsInRange), cents =>
        {
            var money = Money.FromCents(cents);
            var text = money.ToString();
            return Money.Parse(text) == money && text[^3] == '.';
        });
}
