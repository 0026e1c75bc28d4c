using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>
/// POST /{FunctionName}: parse the host's payload, run the function, answer 200 with the result envelope.
/// A thrown exception answers 500 so the host fails the invocation: no outputs are written and a message is redelivered.
/// </summary>
internal static class InvocationEndpoint
{
    /// <summary>
    /// Just under Kestrel's default request limit (30,000,000 bytes): a 50,000-record spending import of ordinary invoice
    /// lines (a few hundred bytes each, escaped once more inside the payload) must reach its handler.
    /// </summary>
    private const int MaxPayloadBytes = 28 * 1024 * 1024;

    public static async Task<IResult> HandleAsync(string functionName, HttpContext context, FunctionRegistry registry, ILoggerFactory loggers)
    {
        var function = registry.Find(functionName);
        if (function is null) return Results.NotFound($"No function named '{functionName}'.");
        var logger = loggers.CreateLogger("Npvr.Funding.Function." + function.Name);
        var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
        JObject? payload;
        try
        {
            payload = await ReadPayloadAsync(context.Request);
        }
        catch (JsonException e)
        {
            return Results.BadRequest($"The invocation payload is not JSON: {e.Message}");
        }
        if (payload is null) return TooLarge(function);
        var invocation = new Invocation(function.Name, payload, invocationId);
        // The request is read here only where the gate applies (App Service); elsewhere the function reads it once itself.
        var platform = context.RequestServices.GetRequiredService<PlatformAuthentication>();
        if (function is HttpFunction && platform.Enforced && platform.Refusal(invocation.HttpRequest()) is { } refusal)
            return Results.Text(JsonConvert.SerializeObject(new InvocationResult().WithHttp(HttpResult.FromProblem(refusal))), "application/json", statusCode: 200);
        try
        {
            var result = await function.InvokeAsync(invocation, context.RequestAborted);
            return Results.Text(JsonConvert.SerializeObject(result), "application/json", statusCode: 200);
        }
        catch (PermanentFailureException e)
        {
            logger.LogError("Invocation {InvocationId} of {Function} failed permanently: {Reason}", invocationId, function.Name, e.Message);
            return Results.Text($"permanent: {e.Message}", "text/plain", statusCode: 500);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Invocation {InvocationId} of {Function} failed; the host will retry.", invocationId, function.Name);
            return Results.Text($"transient: {e.GetType().Name}: {e.Message}", "text/plain", statusCode: 500);
        }
    }

    /// <summary>
    /// An HTTP caller learns that the body is too large (413 problem+json, answered to the host as 200 so it reaches the
    /// caller: a non-2xx answer would be a failed invocation, a 500 to the caller); a message payload that large fails.
    /// </summary>
    private static IResult TooLarge(IFunction function)
    {
        if (function is not HttpFunction)
            return Results.Text($"permanent: the invocation payload is larger than {MaxPayloadBytes / (1024 * 1024)} MiB.", "text/plain", statusCode: 500);
        var problem = new Problem("body-too-large", "The request is too large.", 413,
            $"The request body, as the host passes it on, may be at most {MaxPayloadBytes / (1024 * 1024)} MiB; send less in one request.");
        return Results.Text(JsonConvert.SerializeObject(new InvocationResult().WithHttp(HttpResult.FromProblem(problem))), "application/json", statusCode: 200);
    }

    /// <summary>The payload, or null when it is larger than <see cref="MaxPayloadBytes"/>, whether its length was announced or chunked.</summary>
    private static async Task<JObject?> ReadPayloadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxPayloadBytes) return null;
        using var bytes = new MemoryStream();
        var buffer = new byte[81_920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                if (bytes.Length + read > MaxPayloadBytes) return null;
                bytes.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // the server's own limit, just above ours
        }
        var text = System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        return FundingJson.Parse(text) as JObject ?? throw new JsonReaderException("The payload is not a JSON object.");
    }
}
