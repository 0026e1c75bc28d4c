using System.Text;
using Microsoft.Extensions.Configuration;
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
    public async Task Continuation_token_of_one_page_opens_the_next_and_does_not_show_the_position_in_clear()
    {
        var (_, first) = await ListAsync(new JObject { ["pageSize"] = "20", ["scope"] = "journal\nachterhoek" });
        var token = (string)first["continuationToken"]!;
        Assert.DoesNotContain("row-21", token, StringComparison.Ordinal);
        var (status, second) = await ListAsync(new JObject { ["pageSize"] = "20", ["scope"] = "journal\nachterhoek", ["continuationToken"] = token });
        Assert.Equal("200", status);
        Assert.Equal("row-21", (string?)second["position"]);
    }

    [Fact]
    public async Task A_token_of_another_query_is_a_400_problem()
    {
        var (_, first) = await ListAsync(new JObject { ["scope"] = "journal\nachterhoek" });
        var (status, body) = await ListAsync(new JObject { ["scope"] = "journal\ntwente", ["continuationToken"] = (string)first["continuationToken"]! });
        Assert.Equal("400", status);
        Assert.Equal("continuation-token-invalid", (string?)body["type"]);
    }

    [Fact]
    public async Task A_token_with_its_position_changed_is_a_400_problem()
    {
        var (_, first) = await ListAsync(new JObject { ["scope"] = "s" });
        var parts = ((string)first["continuationToken"]!).Split('.');
        var forged = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("row-999999"))}.{parts[2]}";
        var (status, body) = await ListAsync(new JObject { ["scope"] = "s", ["continuationToken"] = forged });
        Assert.Equal("400", status);
        Assert.Equal("continuation-token-invalid", (string?)body["type"]);
    }

    [Fact]
    public void A_token_issued_under_another_key_does_not_open()
    {
        var ours = new ContinuationTokens(new byte[32]);
        var theirs = new ContinuationTokens(Enumerable.Repeat((byte)7, 32).ToArray());
        var request = FunctionHttpRequest.From(new JObject { ["Method"] = "GET", ["Query"] = new JObject { ["continuationToken"] = theirs.Issue("row-1", "s") } });

        var refused = Assert.Throws<ProblemException>(() => ours.Read(request, "s"));

        Assert.Equal("continuation-token-invalid", refused.Problem.Type);
        Assert.Equal("row-1", theirs.Read(request, "s").Position);
    }

    [Fact]
    public void Instances_configured_with_one_key_open_each_others_tokens_and_a_short_key_is_refused()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        ContinuationTokens Configured(string text) => ContinuationTokens.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ContinuationTokens.KeySetting] = text }).Build());
        var request = FunctionHttpRequest.From(new JObject { ["Method"] = "GET", ["Query"] = new JObject { ["continuationToken"] = Configured(key).Issue("row-7", "s") } });

        Assert.Equal("row-7", Configured(key).Read(request, "s").Position);
        Assert.Throws<InvalidOperationException>(() => Configured(Convert.ToBase64String(new byte[31])));
        Assert.Throws<InvalidOperationException>(() => Configured("not base64!"));
    }

    public static TheoryData<string> ForgedTokens() =>
    [
        "not base64!",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("row-21")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:row-21")),
        "v2.cm93LTIx",
        "v2.cm93LTIx.AAAAAAAAAAAAAAAAAAAAAA",
        "v2..",
        new string('v', 5000),
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
