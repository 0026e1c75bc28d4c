using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// RelayOutbox: triggered by a notice on the app's outbox queue, publishes the named events to funding-events
/// and marks them relayed. It publishes even if already marked: a failed publish fails the invocation after the
/// mark, Service Bus redelivers the notice, and consumers ignore repeats.
/// </summary>
public sealed class OutboxRelayFunction(FundingTables tables, TimeProvider clock) : IFunction
{
    public string Name => "RelayOutbox";

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var notice = ReadNotice(invocation.MessageBody(OutboxOptions.RelayTriggerBinding));
        var table = await tables.GetAsync(notice.Table, cancellationToken);
        var envelopes = new List<string>(notice.EventIds.Count);
        var marks = new PartitionWrite(notice.PartitionKey);
        foreach (var eventId in notice.EventIds)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(notice.PartitionKey, RowKeys.Event(eventId), cancellationToken: cancellationToken);
            if (!row.HasValue) throw new PermanentFailureException($"Event {eventId} in {notice.Table}/{notice.PartitionKey} does not exist.");
            envelopes.Add(FundingJson.Serialize(EventRows.FromEntity(row.Value!)));
            if (row.Value!.GetBoolean(EventRows.RelayedProperty) != true)
                marks.Merge(EventRows.RelayedMark(notice.PartitionKey, row.Value.RowKey, clock.GetUtcNow()), row.Value.ETag);
        }
        // A conflict here means a concurrent relay marked first; failing makes Service Bus redeliver and we publish again.
        if (await TableCommit.CommitAsync(table, marks, cancellationToken) != CommitOutcome.Committed)
            throw new InvalidOperationException($"Relayed marks in {notice.Table}/{notice.PartitionKey} changed concurrently.");
        return new InvocationResult().WithMessages(OutboxOptions.EventsBinding, envelopes)
            .Log($"Relayed {envelopes.Count} event(s) from {notice.Table}/{notice.PartitionKey}.");
    }

    private static OutboxNotice ReadNotice(string body)
    {
        OutboxNotice notice;
        try
        {
            notice = FundingJson.Deserialize<OutboxNotice>(body);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new PermanentFailureException($"The outbox notice is not readable: {e.Message}");
        }
        if (notice.EventIds is null || notice.EventIds.Count is 0 or > OutboxNotice.MaxEvents)
            throw new PermanentFailureException($"An outbox notice names 1 to {OutboxNotice.MaxEvents} events.");
        return notice;
    }
}
