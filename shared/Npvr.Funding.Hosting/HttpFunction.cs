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
        var call = new HttpCall(request, CallerPrincipal.FromHeader(request.Header(CallerPrincipal.HeaderName)), invocation.InvocationId);
        try
        {
            _ = call.Caller; // every route needs a signed-in caller
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
    }

    /// <summary>Handles the call: the HTTP response, and any messages to send with it.</summary>
    protected abstract Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken);

    protected static InvocationResult Respond(HttpResult response) => new InvocationResult().WithHttp(response);

    // A refusal carries no Service Bus outputs: nothing was written, so there is nothing to announce.
    private static InvocationResult Refuse(Problem problem) => new InvocationResult().WithHttp(HttpResult.FromProblem(problem));
}
