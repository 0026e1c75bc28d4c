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

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? principal, object? body, string? idempotencyKey = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (principal is not null) request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
        {
            var text = body as string ?? Newtonsoft.Json.JsonConvert.SerializeObject(body);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await _http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        var answer = new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, content);
        // Every answer is held to the contract: one that breaks docs/openapi.yaml fails the test that asked for it.
        await ContractCheck.VerifyAsync(method, path, answer);
        return answer;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record ApiResponse(HttpStatusCode Status, string? MediaType, string Body)
{
    public JObject Json => JObject.Parse(Body);

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}
