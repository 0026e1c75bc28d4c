using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Hosting.Tests.Support;

/// <summary>GET/POST: answers with what it saw of the request and the caller, and emits two Service Bus messages.</summary>
internal sealed class EchoHttp : HttpFunction
{
    public override string Name => "EchoHttp";

    protected override Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var seen = new
        {
            method = call.Request.Method,
            url = call.Request.Url,
            query = call.Request.Query,
            body = call.Request.Body,
            bodyBase64 = call.Request.BodyBytes is { } bytes ? Convert.ToBase64String([.. bytes]) : null,
            testHeader = call.Request.Header("X-Test"),
            caller = call.Caller.Name,
            roles = call.Caller.Roles.Order(StringComparer.Ordinal),
            objectId = call.Caller.ObjectId,
            tenantId = call.Caller.TenantId,
            invocationId = call.InvocationId,
        };
        // "abcd" would be base64-decoded by the host if sent as a bare string: it must travel inside an array.
        return Task.FromResult(Respond(HttpResult.Ok(seen)).WithMessages("outMsg", ["abcd", "{\"orderId\":42}"]));
    }
}

/// <summary>Refuses the way the query's "kind" says, after deciding to emit a message it must then not send.</summary>
internal sealed class RefuseHttp : HttpFunction
{
    public override string Name => "RefuseHttp";

    protected override Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        _ = new InvocationResult().WithMessages("outMsg", ["never sent"]);
        throw call.Request.QueryValue("kind") switch
        {
            "bad-request" => new ProblemException(Problem.BadRequest("amount-invalid", "amount must have two decimals.")),
            "role" => Forbidden(call),
            "forbidden" => new DomainException(DomainError.Forbidden("not-your-region", "You are not the kassier of achterhoek.")),
            "not-found" => new DomainException(DomainError.NotFound("region-not-found", "There is no region 'utrecht'.")),
            "conflict" => new DomainException(DomainError.Conflict("year-closed", "2025 is closed.")),
            "bug" => new InvalidOperationException("Secret table key tNPVR|x went missing in Allocation."),
            "contention" => new WriteContentionException("allocation|npvr|2025|achterhoek", 8),
            _ => new DomainException(DomainError.Invalid("kind-invalid", "Unknown kind.")),
        };
    }

    private static ProblemException Forbidden(HttpCall call)
    {
        try
        {
            call.RequireRole(Roles.Finance);
        }
        catch (ProblemException e)
        {
            return e;
        }
        return new ProblemException(Problem.Conflict("unexpected", "The caller had the role."));
    }
}

/// <summary>A list: answers with the paging it read and a token for the next page, bound to the query's "scope" value.</summary>
internal sealed class PagedHttp(ContinuationTokens tokens) : HttpFunction
{
    public override string Name => "PagedHttp";

    protected override Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var scope = call.Request.QueryValue("scope") ?? "default";
        var paging = tokens.Read(call.Request, scope);
        return Task.FromResult(Respond(HttpResult.Ok(new
        {
            pageSize = paging.PageSize,
            position = paging.Position,
            continuationToken = tokens.Issue("row-" + (paging.PageSize + 1), scope),
        })));
    }
}

/// <summary>Service Bus trigger "mySbMsg": reports what it saw as its one output message; "boom" and "poison" bodies fail.</summary>
internal sealed class OrderMessage : IFunction
{
    public string Name => "OrderMessage";

    public Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var body = invocation.MessageBody("mySbMsg");
        if (body.Contains("boom", StringComparison.Ordinal)) throw new InvalidOperationException("The store is unavailable.");
        if (body.Contains("poison", StringComparison.Ordinal)) throw new PermanentFailureException("orderId is missing from the message.");
        var seen = FundingJson.Serialize(new { body, messageId = invocation.MessageId, deliveryCount = invocation.DeliveryCount });
        return Task.FromResult(new InvocationResult().WithMessages("outMsg", [seen]).Log("order seen"));
    }
}

/// <summary>Timer trigger "myTimer".</summary>
internal sealed class Tick : IFunction
{
    public string Name => "Tick";

    public Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new InvocationResult().Log($"past due: {invocation.Data["myTimer"]?["IsPastDue"]}"));
}
