using Azure.Data.Tables;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// A consumer's state change for one event, committed with its inbox record (consumer, eventId) in the same
/// transaction: a repeated delivery finds the record and changes nothing. Messages the change owes the bus
/// (<see cref="PartitionWrite.Publish"/>) are published and marked after the commit.
/// </summary>
public sealed class EventConsumption(Outbox outbox)
{
    public const int MaxAttempts = 8;

    /// <param name="decide">Loads state and returns the rows to write for this event, or null when the event changes nothing.</param>
    public async Task<CommitOutcome> CommitAsync(TableClient table, string partitionKey, string consumer, EventEnvelope envelope,
        Func<CancellationToken, Task<PartitionWrite?>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var inbox = RowKeys.Inbox(consumer, envelope.EventId);
            var seen = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, inbox, ["RowKey"], cancellationToken);
            if (seen.HasValue) return CommitOutcome.AlreadyDone;
            var write = await decide(cancellationToken);
            if (write is null) return CommitOutcome.Committed;
            write.InsertGuard(new TableEntity(partitionKey, inbox) { ["Type"] = envelope.Type });
            var outcome = await TableCommit.CommitAsync(table, write, cancellationToken);
            if (outcome == CommitOutcome.Committed) await outbox.PublishAndMarkAsync(table, write, cancellationToken);
            if (outcome != CommitOutcome.Conflict) return outcome;
            await ConflictBackoff.DelayAsync(attempt, cancellationToken);
        }
        throw new InvalidOperationException($"Gave up after {MaxAttempts} attempts on event {envelope.EventId}: partition {partitionKey} kept changing.");
    }
}
