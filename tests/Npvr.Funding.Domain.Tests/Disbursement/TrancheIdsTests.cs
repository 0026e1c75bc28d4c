using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class TrancheIdsTests
{
    [Fact]
    public void A_tranche_id_is_programme_year_region_and_sequence_joined_by_dots_and_parses_back()
    {
        var id = TrancheIds.For("npvr-procesmiddelen", 2025, "achterhoek", 2);

        Assert.Equal("npvr-procesmiddelen.2025.achterhoek.2", id);
        Assert.True(TrancheIds.TryParse(id, out var key));
        Assert.Equal(new TrancheKey("npvr-procesmiddelen", 2025, "achterhoek", 2), key);
    }

    [Theory]
    [InlineData("npvr-procesmiddelen.2025.achterhoek.01")]
    [InlineData("npvr-procesmiddelen.2025.achterhoek.0")]
    [InlineData("npvr-procesmiddelen.2025.achterhoek.101")]
    [InlineData("npvr-procesmiddelen.2025.utrecht.1")]
    [InlineData("npvr-procesmiddelen.25.achterhoek.1")]
    [InlineData("NPVR.2025.achterhoek.1")]
    [InlineData("npvr.2025.achterhoek.1.1")]
    [InlineData("npvr.2025.achterhoek.+1")]
    [InlineData("npvr.2025.achterhoek")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_not_made_by_For_does_not_parse(string? text) => Assert.False(TrancheIds.TryParse(text, out _));

    [Fact]
    public void Different_parts_never_give_the_same_id()
    {
        var ids = new[] { "p", "p-2025", "npvr" }.SelectMany(p => new[] { 2025, 2026 }.SelectMany(y =>
            Regions.All.SelectMany(r => Enumerable.Range(1, 12).Select(s => TrancheIds.For(p, y, r.Id, s))))).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_programme_id_with_a_dot_cannot_be_part_of_a_tranche_id() =>
        Assert.Throws<ArgumentException>(() => TrancheIds.For("npvr.2025", 2025, "achterhoek", 1));
}
