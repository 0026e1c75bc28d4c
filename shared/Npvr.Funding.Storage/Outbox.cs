using Azure;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.Storage;

/// <summary>
/// Publish, then mark (design.md section 4): a committed write's outbox rows are sent with ServiceBusSender and marked
/// Published only after the send returned, so no row can be marked and never accepted by the broker. A send or mark
/// that fails leaves the rows unmarked; the write stands and the sweep publishes them later (a repeat is harmless:
/// MessageId = eventId for Service Bus, the inbox for consumers).
/// </summary>
public sealed class Outbox(OutboxPublisher publisher, TimeProvider clock, ILogger<Outbox> logger)
{
    /// <returns>True when every message was published and marked.</returns>
    public async Task<bool> PublishAndMarkAsync(TableClient table, string partitionKey, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return true;
        try
        {
            await publisher.SendAsync(messages, cancellationToken);
        }
        catch (ServiceBusException e)
        {
            logger.LogWarning(e, "Publishing {Count} message(s) of {Partition} failed ({Reason}); the outbox sweep will publish them.", messages.Count, partitionKey, e.Reason);
            return false;
        }
        try
        {
            var now = clock.GetUtcNow();
            // One partition, at most one transaction's worth of rows (they were committed together).
            await table.SubmitTransactionAsync(messages.Select(m => OutboxRows.PublishedMark(partitionKey, m.Envelope.EventId, now)), cancellationToken);
            return true;
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Marking {Count} published message(s) of {Partition} failed; the sweep will publish them again.", messages.Count, partitionKey);
            return false;
        }
    }

    public Task<bool> PublishAndMarkAsync(TableClient table, PartitionWrite committed, CancellationToken cancellationToken) =>
        PublishAndMarkAsync(table, committed.PartitionKey, committed.Outgoing, cancellationToken);
}
