using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Functions;

/// <summary>
/// What the local host sends a handler and answers a caller for an HTTP trigger, as Microsoft's Functions host does
/// (custom-handlers.md 4.2 and the host's own code): so a test that passes locally means the same under Azure.
/// </summary>
public sealed class HttpTriggerTests : IAsyncLifetime
{
    private RecordingHandler _host = null!;

    public async Task InitializeAsync() => _host = await RecordingHandler.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_body_with_a_content_length_reaches_the_handler_as_text()
    {
        using var response = await _host.Client.PostAsync("api/things/t-1", Json("""{"name":"één"}"""));

        var request = (JObject)_host.TakeOnly()["Data"]!["req"]!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("saved", await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"name":"één"}""", (string?)request["Body"]);
        Assert.Equal("POST", (string?)request["Method"]);
        Assert.Equal($"{_host.BaseAddress}api/things/t-1", (string?)request["Url"]);
        Assert.Equal("t-1", (string?)request["Params"]!["thingId"]);
    }

    [Fact]
    public async Task A_chunked_body_without_a_content_length_does_not_reach_the_handler()
    {
        using var content = new ChunkedContent("""{"name":"chunked"}""");
        using var response = await _host.Client.PostAsync("api/things/t-1", content);

        var request = (JObject)_host.TakeOnly()["Data"]!["req"]!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("chunked", request["Headers"]!["Transfer-Encoding"]![0]!.ToString());
        Assert.Null(request["Body"]);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("multipart/form-data; boundary=b")]
    public async Task An_octet_stream_or_multipart_body_reaches_the_handler_base64_encoded(string contentType)
    {
        byte[] sent = [0x00, 0xFF, 0x22, 0x0A, 0x41];
        using var content = new ByteArrayContent(sent);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await _host.Client.PutAsync("api/things/t-2", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Convert.ToBase64String(sent), (string?)_host.TakeOnly()["Data"]!["req"]!["Body"]);
    }

    [Fact]
    public async Task A_body_larger_than_4_MiB_reaches_the_handler()
    {
        var text = new string('x', 5 * 1024 * 1024);
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");

        using var response = await _host.Client.PostAsync("api/things/big", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(text.Length, ((string?)_host.TakeOnly()["Data"]!["req"]!["Body"])!.Length);
    }

    [Fact]
    public async Task A_body_above_100_MB_is_refused_with_413_before_the_handler_is_called()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/things/huge HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: {HttpTriggerPayload.MaxBodyBytes + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
        Assert.False(_host.WasInvoked);
    }

    [Fact]
    public async Task A_failed_invocation_answers_500_with_an_empty_body()
    {
        _host.Faults.Break(RecordingHandler.FunctionName, "a bug with a secret in its message");

        using var response = await _host.Client.PostAsync("api/things/t-3", Json("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task A_method_the_function_does_not_declare_is_404_not_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "api/things/t-4");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(_host.WasInvoked);
    }

    [Fact]
    public async Task Metadata_carries_the_body_properties_query_values_route_values_and_headers_as_json_encoded_strings()
    {
        using var content = Json("""{"organisationCode":"GM0222","vatRatePercent":21,"address":{"city":"Doetinchem"},"years":[2025],"none":null}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/things/t-5?year=2025&code=secret") { Content = content };
        request.Headers.Add("X-Test", "a");

        using var response = await _host.Client.SendAsync(request);

        var metadata = (JObject)_host.TakeOnly()["Metadata"]!;
        Assert.Equal("\"GM0222\"", (string?)metadata["organisationCode"]);
        Assert.Equal("\"21\"", (string?)metadata["vatRatePercent"]);
        Assert.Equal("Doetinchem", (string?)metadata["address"]!["city"]);
        Assert.Null(metadata["years"]);
        Assert.Null(metadata["none"]);
        Assert.Equal("\"2025\"", (string?)metadata["year"]);
        Assert.Null(metadata["code"]);
        Assert.Equal("\"t-5\"", (string?)metadata["thingId"]);
        Assert.Equal("secret", (string?)metadata["Query"]!["code"]);
        Assert.Equal("a", (string?)metadata["Headers"]!["X-Test"]);
        Assert.Equal(RecordingHandler.FunctionName, (string?)metadata["sys"]!["MethodName"]);
    }

    [Fact]
    public async Task Identities_hold_one_anonymous_identity()
    {
        using var response = await _host.Client.PostAsync("api/things/t-6", Json("{}"));

        var identities = (JArray)_host.TakeOnly()["Data"]!["req"]!["Identities"]!;
        var identity = Assert.Single(identities);
        Assert.False((bool?)identity["IsAuthenticated"]);
        Assert.Empty((JArray)identity["Claims"]!);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A body of unknown length: HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
