using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// PUT /organisations/{organisationCode}/staff/{objectId} (Funding.Coordinator): authorises a person, identified by
/// Entra object id and tenant id, to act as kassier staff of the organisation; announces StaffAuthorised.
/// </summary>
public sealed class AuthoriseStaffFunction(StaffStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => "AuthoriseStaff";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator);
        var body = call.ReadBody<AuthoriseStaffRequest>();
        var command = new AuthoriseStaff(call.Request.Route("organisationCode"), call.Request.Route("objectId"), body.TenantId, body.DisplayName);
        StaffRegistry.Authorise(null, command, clock.GetUtcNow(), call.Caller.Name); // bad input never reaches storage
        return await StaffWrites.CommitAsync(store, writes, call, command.OrganisationCode, command.ObjectId, EventTypes.StaffAuthorised,
            (current, now) => StaffRegistry.Authorise(current, command, now, call.Caller.Name), clock, cancellationToken);
    }

    private sealed record AuthoriseStaffRequest(string? TenantId, string? DisplayName);
}

/// <summary>
/// POST /organisations/{organisationCode}/staff/{objectId}/withdrawal (Funding.Coordinator): the person no longer acts
/// for the organisation from now on; recorded, never deleted; announces StaffWithdrawn.
/// </summary>
public sealed class WithdrawStaffFunction(StaffStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => "WithdrawStaff";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator);
        var body = call.ReadBody<WithdrawStaffRequest>();
        var command = new WithdrawStaff(call.Request.Route("organisationCode"), call.Request.Route("objectId"), body.Reason);
        StaffRegistry.Identify(command.OrganisationCode, command.ObjectId);
        return await StaffWrites.CommitAsync(store, writes, call, command.OrganisationCode, command.ObjectId, EventTypes.StaffWithdrawn,
            (current, now) => StaffRegistry.Withdraw(current, command, now, call.Caller.Name), clock, cancellationToken);
    }

    private sealed record WithdrawStaffRequest(string? Reason);
}

/// <summary>GET /organisations/{organisationCode}/staff (Funding.Coordinator, Funding.Auditor): every member, active or withdrawn.</summary>
public sealed class ListStaffFunction(StaffStore store) : HttpFunction
{
    public override string Name => "ListStaff";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator, Roles.Auditor);
        var organisation = StaffRegistry.Organisation(call.Request.Route("organisationCode"));
        var members = await StaffStore.MembersAsync(await store.TableAsync(cancellationToken), organisation, cancellationToken);
        return Respond(HttpResult.Ok(new { organisationCode = organisation.Value, items = members.OrderBy(m => m.ObjectId).Select(StaffStore.View) }));
    }
}

/// <summary>The write both staff changes share: load the member, decide, record it with its history row and event.</summary>
internal static class StaffWrites
{
    public static async Task<InvocationResult> CommitAsync(StaffStore store, HttpWrites writes, HttpCall call, string? organisationCode, string? objectId,
        string eventType, Func<StaffMember?, DateTimeOffset, StaffDecision> decide, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (organisation, id) = StaffRegistry.Identify(organisationCode, objectId);
        var table = await store.TableAsync(cancellationToken);
        return await writes.CommitAsync(table, organisation.Value, call, async ct =>
        {
            var (current, etag) = await StaffStore.MemberAsync(table, organisation, id, ct);
            var now = clock.GetUtcNow();
            var decision = decide(current, now);
            var view = StaffStore.View(decision.Member);
            if (!decision.Changed) return new WritePlan(new PartitionWrite(organisation.Value), [], HttpResult.Ok(view));
            var changed = EventEnvelope.Create(eventType, view, now, null, null, call.CorrelationId, call.InvocationId, call.Actor);
            return new WritePlan(StaffStore.Record(decision.Member, etag, current is not null), [changed], HttpResult.Ok(view));
        }, cancellationToken);
    }
}
