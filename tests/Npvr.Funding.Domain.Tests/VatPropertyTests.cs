using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Npvr.Funding.Domain.Tests;

public class VatPropertyTests
{
    private static readonly Arbitrary<(long Cents, decimal Rate)> SpendAndRate = Arb.From(
        Generators.CentsInRange.Select(Math.Abs).SelectMany(_ => Generators.ValidRate, (cents, rate) => (cents, rate)));

    [Property]
    public Property Vat_contained_in_a_non_negative_spend_lies_between_zero_and_the_spend() =>
        Prop.ForAll(SpendAndRate, pair =>
        {
            var vat = Vat.ContainedIn(Money.FromCents(pair.Cents), pair.Rate);
            return vat.Cents >= 0 && vat.Cents <= pair.Cents;
        });

    [Property]
    public Property Vat_is_the_nearest_cent_to_the_exact_share() =>
        Prop.ForAll(SpendAndRate, pair =>
        {
            var vat = Vat.ContainedIn(Money.FromCents(pair.Cents), pair.Rate);
            var exact = pair.Cents * pair.Rate / (100m + pair.Rate);
            return Math.Abs(vat.Cents - exact) <= 0.5m;
        });
}
