using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Domain.Tests.Allocation;

public class AllocationPropertyTests
{
    private const long MaxGrossCents = 100_000_000_000; // EUR 1 billion a region-year, the study's whole-programme need

    private static readonly Gen<long> GrossCents = Gen.OneOf(
        Gen.Choose(1, int.MaxValue).Select(c => (long)c),
        Gen.Choose(1, 100_000).Select(high => high * 1_000_000L),
        Gen.Elements(1L, 35_000_000L, MaxGrossCents));

    /// <summary>A gross and an amount estimate from zero up to and including the gross.</summary>
    private static readonly Arbitrary<(long Gross, long Estimate)> GrossAndValidEstimate = Arb.From(
        GrossCents.SelectMany(gross => Gen.OneOf(
                Gen.Choose(0, int.MaxValue).Select(e => (long)e % (gross + 1)),
                Gen.Elements(0L, gross)),
            (gross, estimate) => (gross, estimate)));

    private static readonly Arbitrary<(long Gross, long Spend, decimal Rate)> GrossSpendAndRate = Arb.From(
        GrossCents.SelectMany(gross => Gen.Choose(0, int.MaxValue).Select(s => (long)s % (gross + 1)), (gross, spend) => (gross, spend))
            .SelectMany(_ => Generators.ValidRate, (pair, rate) => (pair.gross, pair.Item2, rate)));

    [Property]
    public Property Net_du_plus_bcf_deposit_is_the_gross_and_net_du_is_never_negative() =>
        Prop.ForAll(GrossAndValidEstimate, pair =>
        {
            var next = Determine(pair.Gross, new VatEstimate(Money.FromCents(pair.Estimate), null, null));
            return next.NetDu + next.BcfDeposit == Money.FromCents(pair.Gross)
                && !next.NetDu.IsNegative
                && next.BcfDeposit == Money.FromCents(pair.Estimate);
        });

    [Property]
    public Property A_spend_based_estimate_never_exceeds_the_spend_and_conserves_the_gross() =>
        Prop.ForAll(GrossSpendAndRate, t =>
        {
            var next = Determine(t.Gross, new VatEstimate(null, Money.FromCents(t.Spend), t.Rate));
            return next.BcfDeposit.Cents <= t.Spend
                && next.NetDu + next.BcfDeposit == Money.FromCents(t.Gross)
                && !next.NetDu.IsNegative;
        });

    [Property]
    public Property An_estimate_above_the_gross_is_refused() =>
        Prop.ForAll(Arb.From(GrossCents.SelectMany(g => Gen.Choose(1, int.MaxValue), (g, extra) => (g, extra))), t =>
        {
            var error = Assert.Throws<DomainException>(() => Determine(t.g, new VatEstimate(Money.FromCents(t.g + t.extra), null, null)));
            return error.Error.Type == "estimate-exceeds-gross";
        });

    private static AllocationState Determine(long grossCents, VatEstimate estimate)
    {
        var gross = Money.FromCents(grossCents);
        var programme = new Programme("p", "P", "DU", "Gemeentefonds", [2025], ["achterhoek"], gross);
        return Allocations.Determine(programme, 2025, "achterhoek", AllocationState.Initial(gross), estimate);
    }
}
