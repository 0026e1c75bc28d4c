namespace Npvr.Funding.Domain.Tests;

public class RegionTests
{
    private static readonly string[] ApiRegionIds =
    [
        "kop-van-noord-holland", "noard-fryslan", "zuidoost-fryslan", "noordoost-groningen", "zuidoost-drenthe", "twente",
        "achterhoek", "noord-limburg", "midden-limburg", "zuid-limburg", "zeeuws-vlaanderen",
    ];

    [Fact]
    public void There_are_exactly_the_11_regions_of_the_api() =>
        Assert.Equal(ApiRegionIds, Regions.All.Select(r => r.Id));

    [Fact]
    public void Region_ids_are_unique() =>
        Assert.Equal(11, Regions.All.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [InlineData("achterhoek", "Achterhoek")]
    [InlineData("noard-fryslan", "Noard-Fryslân")]
    [InlineData("kop-van-noord-holland", "Kop van Noord-Holland")]
    [InlineData("zeeuws-vlaanderen", "Zeeuws-Vlaanderen")]
    public void Known_region_is_found_with_its_name(string id, string name)
    {
        var region = Regions.Find(id);
        Assert.NotNull(region);
        Assert.Equal(id, region.Id);
        Assert.Equal(name, region.Name);
        Assert.True(Regions.Exists(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("utrecht")]
    [InlineData("Achterhoek")]
    [InlineData(" achterhoek")]
    [InlineData("achterhoek ")]
    public void Unknown_region_is_not_found(string? id)
    {
        Assert.Null(Regions.Find(id));
        Assert.False(Regions.Exists(id));
    }
}
