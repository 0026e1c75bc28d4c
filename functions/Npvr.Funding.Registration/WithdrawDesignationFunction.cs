using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// POST /regions/{regionId}/kassier/withdrawal: Funding.Coordinator only. Withdraws the designation taking effect on
/// the body's effectiveFrom, which must still be to come: records the withdrawal beside the history (nothing is
/// deleted), takes it out of the region's head and announces KassierDesignationWithdrawn. Reads the head only.
/// </summary>
public sealed class WithdrawDesignationFunction(DesignationStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => "WithdrawDesignation";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator);
        var regionId = call.Request.Route("regionId");
        var body = call.ReadBody<WithdrawDesignationRequest>();
        var command = new WithdrawDesignation(regionId, body.EffectiveFrom, body.Reason);
        // Refuse bad input before touching storage, so an unknown region is a 404 even with an Idempotency-Key.
        KassierDesignations.CheckWithdrawal(command);
        var table = await store.TableAsync(cancellationToken);
        return await writes.CommitAsync(table, regionId, call, async ct =>
        {
            var now = clock.GetUtcNow();
            var (head, etag) = await store.HeadAsync(regionId, BusinessDate.InAmsterdam(now), ct);
            var withdrawal = KassierDesignations.Withdraw(head, command, now, call.Caller.Name);
            var view = DesignationView.From(withdrawal);
            // The withdrawal's row is keyed by its designation, so a second one of the same designation cannot land.
            var write = new PartitionWrite(regionId)
                .Insert(DesignationStore.WithdrawalEntity(withdrawal))
                .Replace(DesignationStore.HeadEntity(regionId, head.Without(withdrawal)), etag);
            var withdrawn = EventEnvelope.Create(EventTypes.KassierDesignationWithdrawn, view, now, regionId, null, call.CorrelationId, call.InvocationId, call.Actor);
            return new WritePlan(write, [withdrawn], HttpResult.Ok(view));
        }, cancellationToken);
    }

    private sealed record WithdrawDesignationRequest(DateOnly? EffectiveFrom, string? Reason);
}
