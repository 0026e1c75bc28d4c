using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// JournalEvent (funding-events / spending-journal): appends every event about a region to that region's chain.
/// The inbox record rides in the same transaction, so a redelivered event is journaled once.
/// </summary>
public sealed class JournalEvent(JournalStore store, EventConsumption consumption) : IFunction
{
    public string Name => nameof(JournalEvent);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("message"));
        if (envelope.RegionId is not { Length: > 0 } regionId)
            return new InvocationResult().Log($"Event {envelope.EventId} ({envelope.Type}) concerns no region; not journaled.");
        var table = await store.TableAsync(cancellationToken);
        var outcome = await consumption.CommitAsync(table, regionId, JournalStore.Consumer, envelope, async ct =>
        {
            var (head, etag) = await JournalStore.HeadAsync(table, regionId, ct);
            return JournalStore.Append(regionId, etag, JournalChain.Append(head, envelope));
        }, cancellationToken);
        return new InvocationResult().Log($"Event {envelope.EventId} ({envelope.Type}) for {regionId}: {outcome}.");
    }
}
