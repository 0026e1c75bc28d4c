using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

[Collection(HandlerCollection.Name)]
public class PagingTests(HandlerServer server)
{
    private async Task<(string Status, JObject Body)> ListAsync(JObject query)
    {
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("PagedHttp", Payloads.Http(Payloads.Finance, query, method: "GET")));
        return ((string)res["statusCode"]!, body);
    }

    [Fact]
    public async Task Page_size_defaults_to_100_from_the_start()
    {
        var (status, body) = await ListAsync([]);
        Assert.Equal("200", status);
        Assert.Equal(100, (int)body["pageSize"]!);
        Assert.Equal(JTokenType.Null, body["position"]!.Type);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("250", 250)]
    [InlineData("1000", 1000)]
    public async Task Page_size_from_1_to_1000_is_taken(string text, int expected) =>
        Assert.Equal(expected, (int)(await ListAsync(new JObject { ["pageSize"] = text })).Body["pageSize"]!);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData(" 10")]
    [InlineData("99999999999")]
    public async Task Invalid_page_size_is_a_400_problem(string text)
    {
        var (status, body) = await ListAsync(new JObject { ["pageSize"] = text });
        Assert.Equal("400", status);
        Assert.Equal("page-size-invalid", (string?)body["type"]);
        Assert.Equal(400, (int)body["status"]!);
    }

    [Fact]
    public async Task Continuation_token_of_one_page_opens_the_next()
    {
        var (_, first) = await ListAsync(new JObject { ["pageSize"] = "20" });
        var token = (string)first["continuationToken"]!;
        Assert.Equal(Paging.EncodeToken("row-21"), token);
        var (status, second) = await ListAsync(new JObject { ["pageSize"] = "20", ["continuationToken"] = token });
        Assert.Equal("200", status);
        Assert.Equal("row-21", (string?)second["position"]);
    }

    [Fact]
    public void Token_does_not_show_the_position_in_clear() =>
        Assert.DoesNotContain("row-21", Paging.EncodeToken("row-21"), StringComparison.Ordinal);

    public static TheoryData<string> ForgedTokens() =>
    [
        "not base64!",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("row-21")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("v2:row-21")),
        "djE6cm93LTIx=", // a valid token with one '=' too many
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_continuation_token_is_a_400_problem(string token)
    {
        var (status, body) = await ListAsync(new JObject { ["continuationToken"] = token });
        Assert.Equal("400", status);
        Assert.Equal("continuation-token-invalid", (string?)body["type"]);
    }
}
