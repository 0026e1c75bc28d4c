using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// ApplyFundingEvent (funding-events / allocation-events): keeps the kassier projection, and marks a region-year
/// disbursed once its tranche is issued, after which the estimate is frozen. Other events are not Allocation's concern.
/// </summary>
public sealed class ApplyFundingEvent(AllocationStore store, EventConsumption consumption) : IFunction
{
    public const string Consumer = "allocation";

    public string Name => nameof(ApplyFundingEvent);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("message"));
        var table = await store.TableAsync(cancellationToken);
        var outcome = envelope.Type switch
        {
            EventTypes.KassierDesignated => await consumption.CommitAsync(table, KassierProjection.Partition(envelope.RegionId ?? ""),
                KassierProjection.Consumer, envelope, _ => Task.FromResult<PartitionWrite?>(KassierProjection.Apply(envelope)), cancellationToken),
            EventTypes.TrancheIssued => await MarkDisbursedAsync(table, envelope, cancellationToken),
            _ => (CommitOutcome?)null,
        };
        return new InvocationResult().Log($"{envelope.Type} {envelope.EventId}: {outcome?.ToString() ?? "not applicable"}.");
    }

    private async Task<CommitOutcome> MarkDisbursedAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var tranche = envelope.DataAs<TrancheIssued>();
        var programme = await AllocationStore.ProgrammeAsync(table, tranche.ProgrammeId, cancellationToken)
            ?? throw new PermanentFailureException($"TrancheIssued {envelope.EventId} names programme {tranche.ProgrammeId}, unknown to Allocation.");
        var partition = AllocationStore.AllocationPartition(tranche.ProgrammeId, tranche.Year, tranche.RegionId);
        return await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var (state, etag) = await AllocationStore.AllocationAsync(table, programme, tranche.Year, tranche.RegionId, ct);
            var write = new PartitionWrite(partition);
            return state.Disbursed ? write : write.Replace(AllocationStore.AllocationEntity(partition, state with { Disbursed = true }), etag);
        }, cancellationToken);
    }
}
