using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>
/// Issue 11 point 5: a payload above the handler's limit reaches an HTTP caller as 413 problem+json (answered to the host
/// as 200, which the real host passes on; a non-2xx would become a 500), whether its length was announced or chunked.
/// </summary>
[Collection(HandlerCollection.Name)]
public class OversizedPayloadTests(HandlerServer server)
{
    /// <summary>Just above the handler's 28 MiB limit.</summary>
    private const int OversizedBytes = (28 * 1024 * 1024) + 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_http_payload_above_the_limit_is_a_413_problem_for_the_caller(bool chunked)
    {
        using var response = await SendAsync("EchoHttp", chunked);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (res, problem) = Payloads.Res(JObject.Parse(await response.Content.ReadAsStringAsync()));

        Assert.Equal("413", (string?)res["statusCode"]);
        Assert.Equal("body-too-large", (string?)problem["type"]);
        Assert.StartsWith("application/problem+json", (string?)res["headers"]!["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_payload_above_the_limit_fails_the_invocation()
    {
        using var response = await SendAsync("OrderMessage", chunked: true);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string functionName, bool chunked)
    {
        // A valid-looking payload start followed by filler: the size alone must refuse it, before any parsing.
        var payload = Encoding.UTF8.GetBytes("{\"Data\":{\"req\":\"" + new string('x', OversizedBytes) + "\"}}");
        HttpContent content = chunked ? new StreamContent(new NonSeekable(payload)) : new ByteArrayContent(payload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName) { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        return await server.Client.SendAsync(request);
    }

    /// <summary>A stream without a length, so the client must send it chunked.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
