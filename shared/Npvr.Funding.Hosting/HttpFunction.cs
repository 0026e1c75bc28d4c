using Npvr.Funding.Domain;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Base of HTTP-triggered functions. The host is always answered 200; the caller's status goes in Outputs.res,
/// because a non-2xx answer would make the host report a failed invocation instead of our problem+json.
/// </summary>
public abstract class HttpFunction : IFunction
{
    public abstract string Name { get; }

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = invocation.HttpRequest();
        var (caller, unreadable) = CallerPrincipal.Read(request.Header(CallerPrincipal.HeaderName));
        var call = new HttpCall(request, caller, invocation.InvocationId, unreadable);
        try
        {
            // Every route needs a signed-in caller holding one of the Funding roles; each route then names its own.
            if (!Roles.All.Any(call.Caller.IsInRole))
                throw new ProblemException(Problem.Forbidden("forbidden-role", $"This API serves the roles {string.Join(", ", Roles.All)} only."));
            return await HandleAsync(call, cancellationToken);
        }
        catch (ProblemException e)
        {
            return Refuse(e.Problem);
        }
        catch (DomainException e)
        {
            return Refuse(Problem.From(e.Error));
        }
        catch (WriteContentionException e)
        {
            var busy = new Problem("write-contention", "Busy.", 503, $"Others are changing the same records right now; try again in {WriteContentionException.RetryAfterSeconds} s.");
            return new InvocationResult().WithHttp(HttpResult.FromProblem(busy) with
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = WriteContentionException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }).Log($"503 for {call.CorrelationId}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The caller learns that it failed and how to refer to it; what failed stays in the logs.
            var failed = new Problem("internal-error", "Something went wrong on our side.", 500,
                $"The request failed; nothing more is told here. Quote correlation id {call.CorrelationId} when you report it.");
            return new InvocationResult().WithHttp(HttpResult.FromProblem(failed)).Log($"500 for {call.CorrelationId}: {e}");
        }
    }

    /// <summary>Handles the call: the HTTP response, and any messages to send with it.</summary>
    protected abstract Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken);

    protected static InvocationResult Respond(HttpResult response) => new InvocationResult().WithHttp(response);

    // A refusal carries no Service Bus outputs: nothing was written, so there is nothing to announce.
    private static InvocationResult Refuse(Problem problem) => new InvocationResult().WithHttp(HttpResult.FromProblem(problem));
}
