using Newtonsoft.Json;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Domain.Tests.Contracts;

public sealed class StrictJsonTests
{
    public static TheoryData<string> Lenient() => new()
    {
        "{'compensableVat':'1.00'}",
        "{compensableVat:\"1.00\"}",
        "{\"compensableVat\":\"1.00\",}",
        "[1,2,]",
        "{\"a\":1 /* comment */}",
        "// comment\n{\"a\":1}",
        "{\"a\":undefined}",
        "{\"a\":1}\u0000",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":01}",
        "{\"a\":+1}",
        "{\"a\":.5}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"\ufffd\"}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\ud800\"}",
        "{\"a\":1,\"a\":2}",
        "{\"o\":{\"x\":1,\"x\":1}}",
        "\"just a string\" \"and another\"",
        "{\"a\":tru}",
        "{\"a\"}",
        "{",
        new string('[', 40) + new string(']', 40),
    };

    [Theory]
    [MemberData(nameof(Lenient))]
    public void Anything_beyond_RFC_8259_is_refused(string body) => Assert.NotNull(StrictJson.Problem(body));

    [Theory]
    [InlineData("{\"compensableVat\":\"8677.69\"}")]
    [InlineData("{\"a\":[1,2,3],\"b\":{\"c\":null,\"d\":true},\"e\":-1.5e3}")]
    [InlineData(" \r\n\t{\"naïve\":\"Zoë 🇳🇱\",\"escaped\":\"\\u00e9\\ud83d\\ude00\"}\n")]
    [InlineData("{\"o\":{\"x\":1},\"p\":{\"x\":1}}")]
    public void Strict_JSON_passes(string body) => Assert.Null(StrictJson.Problem(body));

    [Fact]
    public void A_problem_never_echoes_the_input()
    {
        var secret = new string('x', 5000);
        var problem = StrictJson.Problem("{'" + secret + "':1}")!;
        Assert.DoesNotContain(secret[..20], problem, StringComparison.Ordinal);
    }

    private sealed record Body(string? Name, int? Year, decimal? Rate, bool? Flag, Money? Amount, List<int>? Years);

    [Theory]
    [InlineData("{\"name\":2025}")]
    [InlineData("{\"name\":true}")]
    [InlineData("{\"year\":\"2025\"}")]
    [InlineData("{\"year\":2025.5}")]
    [InlineData("{\"year\":99999999999}")]
    [InlineData("{\"rate\":\"21\"}")]
    [InlineData("{\"flag\":\"true\"}")]
    [InlineData("{\"flag\":1}")]
    [InlineData("{\"amount\":1.5}")]
    [InlineData("{\"amount\":\"-0.00\"}")]
    [InlineData("{\"years\":[\"2025\"]}")]
    [InlineData("{\"years\":2025}")]
    public void A_request_field_of_another_type_is_refused_not_coerced(string body) =>
        Assert.ThrowsAny<JsonException>(() => FundingJson.DeserializeRequest<Body>(body));

    [Fact]
    public void Exact_types_read_as_declared()
    {
        var body = FundingJson.DeserializeRequest<Body>("{\"name\":\"Doetinchem\",\"year\":2025,\"rate\":21,\"flag\":false,\"amount\":\"1.00\",\"years\":[2025,2026],\"unknown\":1}");
        Assert.Equal(new Body("Doetinchem", 2025, 21m, false, Money.Parse("1.00"), null), body with { Years = null });
        Assert.Equal([2025, 2026], body.Years);
    }
}
