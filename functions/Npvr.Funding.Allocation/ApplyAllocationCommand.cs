using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// ApplyAllocationCommand (queue allocation-commands): FreezeAllocation from Disbursement's issue saga. Holds the
/// region-year at the requested version for one tranche, under the allocation row's ETag, so an estimate racing it
/// either lands first (and the freeze is refused as stale) or is refused afterwards (allocation-already-disbursed).
/// The answer, AllocationFrozen or AllocationFreezeRefused, is committed with the state and published on funding-events.
/// </summary>
public sealed class ApplyAllocationCommand(AllocationStore store, EventConsumption consumption, TimeProvider clock) : IFunction
{
    public const string Consumer = "allocation-commands";

    public string Name => nameof(ApplyAllocationCommand);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("command"));
        if (envelope.Type != CommandTypes.FreezeAllocation)
            throw new PermanentFailureException($"allocation-commands carries FreezeAllocation only, not {envelope.Type}.");
        var command = EventMessages.DataOf<FreezeAllocation>(envelope);
        var table = await store.TableAsync(cancellationToken);
        var programme = await AllocationStore.ProgrammeAsync(table, command.ProgrammeId, cancellationToken)
            ?? throw new PermanentFailureException($"FreezeAllocation {envelope.EventId} names programme {command.ProgrammeId}, unknown to Allocation.");
        var partition = AllocationStore.AllocationPartition(command.ProgrammeId, command.Year, command.RegionId);
        FreezeOutcome? outcome = null;
        var committed = await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var (state, etag) = await AllocationStore.AllocationAsync(table, programme, command.Year, command.RegionId, ct);
            var decision = EventMessages.Decide(() => Allocations.Freeze(state, command.ToRequest()), $"FreezeAllocation {command.TrancheId}");
            outcome = decision.Outcome;
            var write = new PartitionWrite(partition);
            if (decision.Outcome == FreezeOutcome.Frozen) write.Replace(AllocationStore.AllocationEntity(partition, decision.State), etag);
            var answer = command.Answer(decision);
            return write.Publish(OutboxMessage.Event(envelope.Causes(answer.Type, answer.Data, clock.GetUtcNow(), command.RegionId, command.ProgrammeId)));
        }, cancellationToken);
        return new InvocationResult().Log($"FreezeAllocation {command.TrancheId} v{command.Version}: {(committed == CommitOutcome.Committed ? outcome?.ToString() ?? "nothing to do" : committed.ToString())}.");
    }
}
