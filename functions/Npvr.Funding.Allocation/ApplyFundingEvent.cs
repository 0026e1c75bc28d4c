using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// ApplyFundingEvent (funding-events / allocation-events): keeps the kassier projection, and releases a region-year's
/// freeze when the tranche that held it is voided (AllocationReleased), after which the estimate may change again.
/// Other events are not Allocation's concern.
/// </summary>
public sealed class ApplyFundingEvent(AllocationStore store, EventConsumption consumption, TimeProvider clock) : IFunction
{
    public const string Consumer = "allocation";

    public string Name => nameof(ApplyFundingEvent);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("message"));
        var table = await store.TableAsync(cancellationToken);
        var outcome = envelope.Type switch
        {
            EventTypes.KassierDesignated or EventTypes.KassierDesignationWithdrawn => await KassierProjection.ApplyAsync(consumption, table, envelope, cancellationToken),
            EventTypes.StaffAuthorised or EventTypes.StaffWithdrawn => await StaffProjection.ApplyAsync(consumption, table, envelope, cancellationToken),
            EventTypes.TrancheVoided => await ReleaseAsync(table, envelope, cancellationToken),
            EventTypes.YearClosed => await ClosedYearRows.ApplyAsync(table, envelope, cancellationToken),
            _ => (CommitOutcome?)null,
        };
        return new InvocationResult().Log($"{envelope.Type} {envelope.EventId}: {outcome?.ToString() ?? "not applicable"}.");
    }

    private async Task<CommitOutcome> ReleaseAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var voided = envelope.DataAs<TrancheVoided>();
        var programme = await AllocationStore.ProgrammeAsync(table, voided.ProgrammeId, cancellationToken)
            ?? throw new PermanentFailureException($"TrancheVoided {envelope.EventId} names programme {voided.ProgrammeId}, unknown to Allocation.");
        var partition = AllocationStore.AllocationPartition(voided.ProgrammeId, voided.Year, voided.RegionId);
        return await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var (state, etag) = await AllocationStore.AllocationAsync(table, programme, voided.Year, voided.RegionId, ct);
            var decision = Allocations.Release(state, voided.TrancheId);
            var write = new PartitionWrite(partition);
            if (!decision.Released) return write;
            write.Replace(AllocationStore.AllocationEntity(partition, decision.State), etag);
            foreach (var e in DisbursementEvents.Of(voided, decision))
                write.Publish(OutboxMessage.Event(envelope.Causes(e.Type, e.Data, clock.GetUtcNow(), voided.RegionId, voided.ProgrammeId)));
            return write;
        }, cancellationToken);
    }
}
