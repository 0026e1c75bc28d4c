using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// PUT /regions/{regionId}/kassier: Funding.Coordinator only. Appends to the history, moves the region's head on and
/// announces KassierDesignated. Reads the head (one point read), never the history.
/// </summary>
public sealed class DesignateKassierFunction(DesignationStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => "DesignateKassier";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator);
        var regionId = call.Request.Route("regionId");
        var body = call.ReadBody<DesignateKassierRequest>();
        var command = new DesignateKassier(regionId, body.OrganisationCode, body.OrganisationName, body.EffectiveFrom, body.ContactEmail);
        // Refuse bad input before touching storage, so an unknown region is a 404 even with an Idempotency-Key.
        KassierDesignations.Designate([], command, clock.GetUtcNow(), call.Caller.Name);
        var table = await store.TableAsync(cancellationToken);
        return await writes.CommitAsync(table, regionId, call, async ct =>
        {
            var now = clock.GetUtcNow();
            var today = BusinessDate.InAmsterdam(now);
            var (head, etag) = await store.HeadAsync(regionId, today, ct);
            var designation = KassierDesignations.Designate(head.DecisionHistory, command, now, call.Caller.Name);
            var next = head.Then(designation, today);
            var view = DesignationView.From(designation);
            var write = new PartitionWrite(regionId)
                .Insert(DesignationStore.ToEntity(designation, next.Designations))
                .Replace(DesignationStore.HeadEntity(regionId, next), etag);
            var designated = EventEnvelope.Create(EventTypes.KassierDesignated, view, now, regionId, null, call.CorrelationId, call.InvocationId, call.Actor);
            return new WritePlan(write, [designated], HttpResult.Ok(view));
        }, cancellationToken);
    }

    private sealed record DesignateKassierRequest(string? OrganisationCode, string? OrganisationName, DateOnly? EffectiveFrom, string? ContactEmail);
}
