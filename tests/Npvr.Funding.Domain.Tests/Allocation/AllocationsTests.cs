using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Domain.Tests.Allocation;

public class AllocationsTests
{
    private static readonly Programme Npvr = new("npvr-procesmiddelen", "NPVR procesmiddelen", "DU", "Gemeentefonds",
        [2025, 2026, 2027], Regions.All.Select(r => r.Id).ToList(), Money.Parse("350000.00"));

    [Fact]
    public void The_Achterhoek_estimate_of_50000_spend_at_21_percent_gives_the_documented_figures()
    {
        var next = Allocations.Determine(Npvr, 2025, "achterhoek", AllocationState.Initial(Npvr.GrossPerRegionPerYear),
            new VatEstimate(null, Money.Parse("50000.00"), 21m));

        Assert.Equal("8677.69", next.CompensableVatEstimate.ToString());
        Assert.Equal("341322.31", next.NetDu.ToString());
        Assert.Equal("8677.69", next.BcfDeposit.ToString());
        Assert.Equal(1, next.Version);
        Assert.Equal(AllocationStatus.Determined, next.Status);
    }

    [Fact]
    public void Each_estimate_raises_the_version_by_one()
    {
        var first = Allocations.Determine(Npvr, 2025, "twente", AllocationState.Initial(Npvr.GrossPerRegionPerYear), new VatEstimate(Money.Parse("1.00"), null, null));
        var second = Allocations.Determine(Npvr, 2025, "twente", first, new VatEstimate(Money.Parse("2.00"), null, null));

        Assert.Equal(2, second.Version);
        Assert.Equal("349998.00", second.NetDu.ToString());
    }

    [Fact]
    public void A_disbursed_allocation_refuses_a_new_estimate_as_a_conflict()
    {
        var disbursed = AllocationState.Initial(Npvr.GrossPerRegionPerYear) with { Freeze = new AllocationFreeze(0, "npvr-procesmiddelen.2025.twente.1") };

        var error = Assert.Throws<DomainException>(() => Allocations.Determine(Npvr, 2025, "twente", disbursed, new VatEstimate(Money.Zero, null, null)));

        Assert.Equal(ErrorKind.Conflict, error.Error.Kind);
        Assert.Equal("allocation-already-disbursed", error.Error.Type);
    }

    [Theory]
    [InlineData(2024, "achterhoek", "year-not-in-programme")]
    [InlineData(2025, "randstad", "region-not-in-programme")]
    public void A_year_or_region_outside_the_programme_is_invalid(int year, string regionId, string type)
    {
        var error = Assert.Throws<DomainException>(() => Allocations.Determine(Npvr, year, regionId, AllocationState.Initial(Npvr.GrossPerRegionPerYear), new VatEstimate(Money.Zero, null, null)));

        Assert.Equal(type, error.Error.Type);
    }

    [Fact]
    public void A_programme_needs_known_distinct_regions_and_a_positive_gross()
    {
        Assert.Equal("regions-invalid", Assert.Throws<DomainException>(() => Programmes.Define(
            new DefineProgramme("p", "P", "DU", "Gemeentefonds", [2025], ["achterhoek", "achterhoek"], Money.Parse("1.00")))).Error.Type);
        Assert.Equal("gross-invalid", Assert.Throws<DomainException>(() => Programmes.Define(
            new DefineProgramme("p", "P", "DU", "Gemeentefonds", [2025], ["achterhoek"], Money.Zero))).Error.Type);
        Assert.Equal("programme-id-invalid", Assert.Throws<DomainException>(() => Programmes.Define(
            new DefineProgramme("P|1", "P", "DU", "Gemeentefonds", [2025], ["achterhoek"], Money.Parse("1.00")))).Error.Type);
    }
}
