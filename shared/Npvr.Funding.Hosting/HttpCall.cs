using Newtonsoft.Json;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>An HTTP invocation as a function sees it: request, caller, and ids that follow the work.</summary>
public sealed class HttpCall(FunctionHttpRequest request, CallerPrincipal? caller, string invocationId, string? unreadableCaller = null)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";

    public FunctionHttpRequest Request { get; } = request;
    public string InvocationId { get; } = invocationId;
    /// <summary>
    /// The caller's X-Correlation-Id when it is a plain token (letters, digits, '-', '_', '.', ':'; at most 128), else the
    /// invocation id: it is stored in events and the audit journal, so markup or control characters never get there.
    /// </summary>
    public string CorrelationId { get; } = request.Header(CorrelationIdHeader) is { Length: > 0 and <= 128 } id && id.All(IsTokenCharacter) ? id : invocationId;
    public string? IdempotencyKey => Request.Header(IdempotencyKeyHeader);

    /// <summary>The signed-in caller; anonymous callers are refused with 401 before any function logic runs.</summary>
    public CallerPrincipal Caller => caller ?? throw new ProblemException(Problem.Unauthorized(unreadableCaller));

    /// <summary>
    /// The caller as the actor of the events this call raises (issue 11, point 13): Entra object id and tenant id with
    /// the display name, so an event never names its actor by a display name alone.
    /// </summary>
    public Actor Actor => Actor.Person(Caller.ObjectId, Caller.TenantId, Caller.Name);

    public void RequireRole(params string[] roles)
    {
        if (!roles.Any(Caller.IsInRole))
            throw new ProblemException(Problem.Forbidden("forbidden-role", $"This action needs the role {string.Join(" or ", roles)}."));
    }

    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>
    /// A write states what its body is: <paramref name="mediaType"/> (parameters such as charset allowed), else 415,
    /// so a form post or text/plain is never read as if it were that.
    /// </summary>
    public void RequireContentType(string mediaType)
    {
        var header = Request.Header("Content-Type");
        var given = header?.Split(';', 2)[0].Trim();
        if (!string.Equals(given, mediaType, StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(new Problem("unsupported-media-type", "Unsupported media type.", 415,
                $"This route takes Content-Type: {mediaType}."));
    }

    public T ReadBody<T>() where T : class
    {
        RequireContentType("application/json");
        if (string.IsNullOrWhiteSpace(Request.Body))
            throw new ProblemException(Problem.BadRequest("body-required", "The request needs a JSON body."));
        if (StrictJson.Problem(Request.Body) is { } problem)
            throw new ProblemException(Problem.BadRequest("malformed-body", problem));
        try
        {
            return FundingJson.DeserializeRequest<T>(Request.Body);
        }
        catch (JsonException e)
        {
            throw new ProblemException(Problem.BadRequest("malformed-body", Problem.Bounded(e.Message)));
        }
    }
}
