using System.Net;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

[Collection(HandlerCollection.Name)]
public class ReadinessAndRoutingTests(HandlerServer server)
{
    [Fact]
    public async Task Get_root_answers_ready()
    {
        using var response = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Npvr.Funding.Hosting.Tests custom handler is ready.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Handler_listens_on_the_loopback_address_it_was_given()
    {
        Assert.Equal("127.0.0.1", server.Client.BaseAddress!.Host);
        Assert.NotEqual(0, server.Client.BaseAddress.Port);
    }

    [Fact]
    public async Task Unknown_function_name_is_404()
    {
        using var response = await server.InvokeAsync("NoSuchFunction", Payloads.Http(Payloads.Finance));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Function_name_is_matched_without_regard_to_case()
    {
        var envelope = await server.InvokeOkAsync("echohttp", Payloads.Http(Payloads.Finance));
        Assert.Equal("200", (string?)envelope["Outputs"]!["res"]!["statusCode"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"Data\":{}} trailing")]
    public async Task Payload_that_is_not_a_json_object_is_refused_with_a_non_2xx(string payload)
    {
        using var response = await server.InvokeAsync("EchoHttp", payload);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Timer_payload_is_answered_200_with_an_envelope()
    {
        const string payload = """{"Data":{"myTimer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"0001-01-01T00:00:00+00:00","Next":"2025-01-01T00:05:00+00:00","LastUpdated":"0001-01-01T00:00:00+00:00"},"IsPastDue":false}},"Metadata":{"sys":{}}}""";
        var envelope = await server.InvokeOkAsync("Tick", payload);
        Assert.Equal(["past due: False"], envelope["Logs"]!.Select(l => (string?)l));
        Assert.Empty((Newtonsoft.Json.Linq.JObject)envelope["Outputs"]!);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, envelope["ReturnValue"]!.Type);
    }
}
