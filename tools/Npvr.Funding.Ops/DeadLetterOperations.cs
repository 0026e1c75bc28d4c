using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.Ops;

/// <summary>Counts, shows and resubmits dead letters with the Service Bus client only (works on any endpoint).</summary>
public sealed class DeadLetterOperations(ServiceBusClient client, TimeProvider clock)
{
    /// <summary>Bounds what one command reads from one entity; counts above it are shown as "at least".</summary>
    public const int MaxMessagesPerEntity = 5000;

    private const int PeekBatch = 250;
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(2);

    public async Task<(int Active, int DeadLettered)> CountAsync(ReceivingEntity entity, CancellationToken cancellationToken)
    {
        var active = await PeekAsync(entity, SubQueue.None, cancellationToken);
        var dead = await PeekAsync(entity, SubQueue.DeadLetter, cancellationToken);
        return (active.Count, dead.Count);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(ReceivingEntity entity, CancellationToken cancellationToken) =>
        (await PeekAsync(entity, SubQueue.DeadLetter, cancellationToken)).Select(m => DeadLetter.From(entity.Path, m)).ToList();

    /// <summary>
    /// Sends each chosen dead letter back to its entity (a subscription's topic) with its MessageId, body and properties,
    /// then completes it. Service Bus drops a resubmit inside the duplicate detection window of the original send, so a
    /// message still inside it is left dead-lettered and reported with the time it may be resubmitted.
    /// </summary>
    public async Task<ResubmitReport> ResubmitAsync(ReceivingEntity entity, Func<DeadLetter, bool> chosen, CancellationToken cancellationToken)
    {
        await using var receiver = Receiver(entity, SubQueue.DeadLetter, ServiceBusReceiveMode.PeekLock);
        await using var sender = client.CreateSender(entity.SendTarget);
        var report = new ResubmitReport();
        // Messages left alone stay locked until the end, so one pass sees each dead letter once.
        var kept = new List<ServiceBusReceivedMessage>();
        while (report.Seen < MaxMessagesPerEntity)
        {
            var batch = await receiver.ReceiveMessagesAsync(Math.Min(PeekBatch, MaxMessagesPerEntity - report.Seen), ReceiveWait, cancellationToken);
            if (batch.Count == 0) break;
            foreach (var message in batch)
            {
                report.Seen++;
                var letter = DeadLetter.From(entity.Path, message);
                var notBefore = message.EnqueuedTime + (entity.DuplicateDetectionWindow ?? TimeSpan.Zero);
                if (!chosen(letter)) kept.Add(message);
                else if (notBefore > clock.GetUtcNow())
                {
                    kept.Add(message);
                    report.Held.Add((letter, notBefore));
                }
                else
                {
                    await sender.SendMessageAsync(Copy(message), cancellationToken);
                    await receiver.CompleteMessageAsync(message, cancellationToken);
                    report.Resubmitted.Add(letter);
                }
            }
        }
        foreach (var message in kept) await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
        return report;
    }

    /// <summary>The original message as it was sent: the dead-letter properties the broker added are dropped.</summary>
    public static ServiceBusMessage Copy(ServiceBusReceivedMessage message)
    {
        var copy = new ServiceBusMessage(message);
        copy.ApplicationProperties.Remove("DeadLetterReason");
        copy.ApplicationProperties.Remove("DeadLetterErrorDescription");
        return copy;
    }

    private async Task<List<ServiceBusReceivedMessage>> PeekAsync(ReceivingEntity entity, SubQueue subQueue, CancellationToken cancellationToken)
    {
        await using var receiver = Receiver(entity, subQueue, ServiceBusReceiveMode.PeekLock);
        var result = new List<ServiceBusReceivedMessage>();
        long? from = null;
        while (result.Count < MaxMessagesPerEntity)
        {
            var page = await receiver.PeekMessagesAsync(PeekBatch, from, cancellationToken);
            if (page.Count == 0) break;
            result.AddRange(page);
            from = page[^1].SequenceNumber + 1;
        }
        return result;
    }

    private ServiceBusReceiver Receiver(ReceivingEntity entity, SubQueue subQueue, ServiceBusReceiveMode mode)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = subQueue, ReceiveMode = mode, PrefetchCount = 0 };
        return entity.Topic is null
            ? client.CreateReceiver(entity.Path, options)
            : client.CreateReceiver(entity.Topic, entity.Subscription, options);
    }
}

public sealed class ResubmitReport
{
    public int Seen { get; set; }
    public List<DeadLetter> Resubmitted { get; } = [];
    public List<(DeadLetter Letter, DateTimeOffset NotBefore)> Held { get; } = [];
}
