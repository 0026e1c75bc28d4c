using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

[Collection(HandlerCollection.Name)]
public class HttpPayloadTests(HandlerServer server)
{
    [Fact]
    public async Task Http_payload_is_answered_200_with_the_response_in_outputs_res()
    {
        var envelope = await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, body: """{"id":1005}"""));
        var (res, body) = Payloads.Res(envelope);
        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Equal("application/json; charset=utf-8", (string?)res["headers"]!["Content-Type"]);
        Assert.Equal("POST", (string?)body["method"]);
        Assert.Equal("http://localhost:7071/api/test", (string?)body["url"]);
        Assert.Equal("""{"id":1005}""", (string?)body["body"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", (string?)body["invocationId"]);
        Assert.Empty((JArray)envelope["Logs"]!);
        Assert.Equal(JTokenType.Null, envelope["ReturnValue"]!.Type);
    }

    [Fact]
    public async Task Query_as_an_object_reaches_the_function()
    {
        var query = new JObject { ["year"] = "2025", ["category"] = "research,monitoring" };
        var (_, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, query)));
        Assert.Equal("2025", (string?)body["query"]!["year"]);
        Assert.Equal("research,monitoring", (string?)body["query"]!["category"]);
    }

    [Fact]
    public async Task Query_as_the_string_of_the_docs_is_read_as_an_empty_query()
    {
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, new JValue("{}"))));
        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Empty((JObject)body["query"]!);
    }

    [Fact]
    public async Task Query_as_a_string_holding_values_is_read_like_the_object()
    {
        var (_, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, new JValue("""{"year":"2025"}"""))));
        Assert.Equal("2025", (string?)body["query"]!["year"]);
    }

    [Fact]
    public async Task Absent_body_reaches_the_function_as_null()
    {
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, method: "GET")));
        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Equal("GET", (string?)body["method"]);
        Assert.Equal(JTokenType.Null, body["body"]!.Type);
    }

    [Theory]
    [InlineData("\"entryId\",\"amount\"\n\"e-1\",\"12.50\"")] // a CSV file with every field quoted
    [InlineData("\"hello\"")]
    [InlineData("plain text")]
    public async Task Body_reaches_the_function_verbatim(string text)
    {
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, body: text)));
        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Equal(text, (string?)body["body"]);
    }

    [Theory]
    [InlineData("\"0x8DC2A1B\"")] // an ETag is a quoted string
    [InlineData("\"a\", \"b\"")]
    public async Task Caller_header_and_query_values_reach_the_function_verbatim(string value)
    {
        var query = new JObject { ["q"] = value };
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, query, headers: ("X-Test", value))));
        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Equal(value, (string?)body["testHeader"]);
        Assert.Equal(value, (string?)body["query"]!["q"]);
    }

    [Fact]
    public async Task An_octet_stream_body_arrives_base64_and_reaches_the_function_as_its_bytes()
    {
        byte[] sent = [0x00, 0x01, 0xFE, 0xFF, 0x22, 0x0A];
        var payload = Payloads.Http(Payloads.Finance, body: Convert.ToBase64String(sent), contentType: "application/octet-stream");

        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", payload));

        Assert.Equal("200", (string?)res["statusCode"]);
        Assert.Equal(Convert.ToBase64String(sent), (string?)body["bodyBase64"]);
    }

    [Fact]
    public async Task A_multipart_body_arrives_base64_and_reads_as_the_text_it_holds()
    {
        const string form = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nentryId;amount\r\n--b--\r\n";
        var payload = Payloads.Http(Payloads.Finance, body: Payloads.Base64(form), contentType: "multipart/form-data; boundary=b");

        var (_, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", payload));

        Assert.Equal(form, (string?)body["body"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv; charset=utf-8")]
    public async Task A_text_body_that_happens_to_be_base64_stays_text(string contentType)
    {
        var (_, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance, body: "AAEC", contentType: contentType)));

        Assert.Equal("AAEC", (string?)body["body"]);
        Assert.Equal(Payloads.Base64("AAEC"), (string?)body["bodyBase64"]);
    }
}
