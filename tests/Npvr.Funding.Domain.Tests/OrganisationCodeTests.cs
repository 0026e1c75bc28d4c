namespace Npvr.Funding.Domain.Tests;

public class OrganisationCodeTests
{
    [Fact]
    public void GM_with_four_digits_is_a_gemeente()
    {
        Assert.True(OrganisationCode.TryParse("GM0222", out var code));
        Assert.NotNull(code);
        Assert.Equal("GM0222", code.Value);
        Assert.Equal(OrganisationKind.Gemeente, code.Kind);
        Assert.Equal("gemeente", code.KindName);
        Assert.Equal("GM0222", code.ToString());
    }

    [Fact]
    public void PV_with_two_digits_is_a_provincie()
    {
        var code = OrganisationCode.Parse("PV25");
        Assert.Equal("PV25", code.Value);
        Assert.Equal(OrganisationKind.Provincie, code.Kind);
        Assert.Equal("provincie", code.KindName);
    }

    [Theory]
    [InlineData("GM222")]
    [InlineData("GM02222")]
    [InlineData("gm0222")]
    [InlineData("PV2")]
    [InlineData("PV250")]
    [InlineData("pv25")]
    [InlineData("XX0222")]
    [InlineData("GM02a2")]
    [InlineData("GM\uff10222")]
    [InlineData(" GM0222")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_code_is_refused(string? text)
    {
        Assert.False(OrganisationCode.TryParse(text, out var code));
        Assert.Null(code);
        Assert.Throws<FormatException>(() => OrganisationCode.Parse(text!));
    }
}
