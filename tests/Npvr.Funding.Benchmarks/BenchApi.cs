using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Benchmarks;

/// <summary>The /api routes over one HttpClient; any status other than the expected one stops the run with the answer.</summary>
internal sealed class BenchApi(Uri baseUrl) : IDisposable
{
    /// <summary>A whole-ledger request (export or verify of 100,000 entries) on two busy cores may take minutes.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = RequestTimeout };

    public Uri BaseUrl => baseUrl;

    public async Task<JObject> SendAsync(HttpMethod method, string path, string principal, HttpStatusCode expected, string? json = null, string? idempotencyKey = null)
    {
        using var request = Request(method, path, principal, idempotencyKey);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await ExpectAsync(request, expected);
    }

    public async Task<JObject> PostCsvAsync(string path, string principal, byte[] csv, HttpStatusCode expected)
    {
        using var request = Request(HttpMethod.Post, path, principal, null);
        request.Content = new ByteArrayContent(csv) { Headers = { { "Content-Type", "text/csv" } } };
        return await ExpectAsync(request, expected);
    }

    /// <summary>A GET answered 200, its body as sent (to be written to a file, or read with FundingJson.Parse so date-like strings stay strings).</summary>
    public async Task<string> GetTextAsync(string path, string principal)
    {
        using var request = Request(HttpMethod.Get, path, principal, null);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? text : throw Unexpected(request, response, text);
    }

    /// <summary>GETs with Accept: text/csv and reads the answer as it streams in, so the client holds one buffer; returns the lines.</summary>
    public async Task<long> CsvLinesAsync(string path, string principal)
    {
        using var request = Request(HttpMethod.Get, path, principal, null);
        request.Headers.Add("Accept", "text/csv");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw Unexpected(request, response, await response.Content.ReadAsStringAsync());
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    /// <summary>GET / answered 200: for start-up measurements of other processes.</summary>
    public static async Task<bool> AnswersAsync(HttpClient probe, Uri root)
    {
        try
        {
            using var response = await probe.GetAsync(root);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException)
        {
            return false; // listening but not answering within the probe's timeout yet
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string principal, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<JObject> ExpectAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw Unexpected(request, response, text);
        return text.Length == 0 ? [] : JObject.Parse(text);
    }

    private static InvalidOperationException Unexpected(HttpRequestMessage request, HttpResponseMessage response, string text) =>
        new($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 1000)]}");

    public void Dispose() => _http.Dispose();
}
