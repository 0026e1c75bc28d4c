using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.Storage;

/// <summary>
/// Sends outbox messages with ServiceBusSender (design.md section 2): MessageId = eventId, so Service Bus duplicate
/// detection drops a repeat inside its window; CorrelationId, Subject = type and regionId/programmeId as application
/// properties, so an operator can read a dead letter without opening its body. Only the app's declared destinations
/// are allowed: its managed identity holds Data Sender on exactly those (bicep/, from infra/topology.json).
/// </summary>
public sealed class OutboxPublisher(ServiceBusClient client, OutboxOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <summary>Sends every message; returns only once Service Bus accepted them all, else throws ServiceBusException.</summary>
    public async Task SendAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var group in messages.GroupBy(m => m.Destination, StringComparer.Ordinal))
        {
            if (!options.Destinations.Contains(group.Key, StringComparer.Ordinal))
                throw new InvalidOperationException($"This app may not send to '{group.Key}'; it declares {string.Join(", ", options.Destinations)}.");
            var sender = _senders.GetOrAdd(group.Key, client.CreateSender);
            await SendInBatchesAsync(sender, group.Select(ToServiceBusMessage).ToList(), cancellationToken);
        }
    }

    public static ServiceBusMessage ToServiceBusMessage(OutboxMessage message)
    {
        var envelope = message.Envelope;
        var sent = new ServiceBusMessage(BinaryData.FromString(Contracts.FundingJson.Serialize(envelope)))
        {
            MessageId = envelope.EventId,
            CorrelationId = envelope.CorrelationId,
            Subject = envelope.Type,
            ContentType = "application/json",
        };
        if (envelope.RegionId is { } regionId) sent.ApplicationProperties["regionId"] = regionId;
        if (envelope.ProgrammeId is { } programmeId) sent.ApplicationProperties["programmeId"] = programmeId;
        return sent;
    }

    private static async Task SendInBatchesAsync(ServiceBusSender sender, List<ServiceBusMessage> messages, CancellationToken cancellationToken)
    {
        var next = 0;
        // Each round sends at least one message or throws, so this ends after at most messages.Count rounds.
        while (next < messages.Count)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (next < messages.Count && batch.TryAddMessage(messages[next])) next++;
            if (batch.Count == 0)
                throw new InvalidOperationException($"Message {messages[next].MessageId} is larger than a Service Bus batch may be.");
            await sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values) await sender.DisposeAsync();
    }
}
