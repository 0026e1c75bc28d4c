using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>A thin HTTP client for the /api routes, returning status, content type and parsed JSON, each checked against the contract.</summary>
internal sealed class FundingApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public Task<ApiResponse> GetAsync(string path, string? principal) => SendAsync(HttpMethod.Get, path, principal, null);

    public Task<ApiResponse> PutAsync(string path, string? principal, object body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Put, path, principal, body, idempotencyKey);

    public Task<ApiResponse> PostAsync(string path, string? principal, object body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, principal, body, idempotencyKey);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, string? principal, object? body, string? idempotencyKey = null,
        string contentType = "application/json") =>
        SendAsync(method, path, principal, body is null ? null : Json(body, contentType), idempotencyKey);

    private static StringContent Json(object body, string contentType)
    {
        var content = new StringContent(body as string ?? Newtonsoft.Json.JsonConvert.SerializeObject(body), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>POSTs a CSV file (UTF-8 bytes as given, a BOM included if the text starts with one).</summary>
    public Task<ApiResponse> PostCsvAsync(string path, string? principal, string csv, string contentType = "text/csv") =>
        SendAsync(HttpMethod.Post, path, principal, new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { { "Content-Type", contentType } } });

    /// <summary>GETs with Accept: text/csv.</summary>
    public Task<ApiResponse> GetCsvAsync(string path, string? principal) =>
        SendAsync(HttpMethod.Get, path, principal, (HttpContent?)null, accept: "text/csv");

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? principal, HttpContent? content, string? idempotencyKey = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (principal is not null) request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (accept is not null) request.Headers.Add("Accept", accept);
        request.Content = content;
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var answer = new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text) { Headers = headers };
        // Every answer is held to the contract: one that breaks docs/openapi.yaml fails the test that asked for it.
        await ContractCheck.VerifyAsync(method, path, answer);
        return answer;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record ApiResponse(HttpStatusCode Status, string? MediaType, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as sent: strings stay strings (Newtonsoft would turn date-like ones into DateTime and write them back shorter).</summary>
    public JObject Json => JObject.Load(new Newtonsoft.Json.JsonTextReader(new StringReader(Body)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None });

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}
