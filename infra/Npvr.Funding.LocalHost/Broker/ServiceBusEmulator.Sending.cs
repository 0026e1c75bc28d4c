using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Sends, batches, scheduling and its cancellation.</summary>
public sealed partial class ServiceBusEmulator
{
    /// <summary>
    /// Sends to a queue or topic (a topic copies the message to each subscription). A MessageId already sent within
    /// the duplicate detection window is accepted and dropped, as Service Bus does.
    /// </summary>
    /// <exception cref="InvalidOperationException">No queue or topic has that name.</exception>
    /// <exception cref="SendRefusedException">The refuse-sends fault is armed on the queue or topic.</exception>
    public Task SendAsync(string queueOrTopic, BrokerMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();
        Send(queueOrTopic, [message]);
        return Task.CompletedTask;
    }

    /// <summary>Sends every message of a batch, or none (a refused or invalid batch changes nothing).</summary>
    /// <returns>For each message, the number a schedule request returns (see <see cref="Schedule"/>); 0 for a dropped duplicate.</returns>
    internal IReadOnlyList<long> Send(string queueOrTopic, IReadOnlyList<BrokerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(queueOrTopic);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (BrokerMessage message in messages)
        {
            if (message.TimeToLive is { } ttl)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(messages));
            }
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SendTarget target = Target(queueOrTopic);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            if (target.RefusesSendsAt(nowUtc))
            {
                target.RefusedSendCount++;
                throw new SendRefusedException($"Sends to '{target.Name}' are refused by an injected fault.");
            }

            var numbers = new long[messages.Count];
            for (int i = 0; i < messages.Count; i++)
            {
                numbers[i] = SendOne(target, messages[i], nowUtc);
            }

            OnStateChanged(nowUtc);
            return numbers;
        }
    }

    /// <summary>
    /// Schedule-message: sends messages that carry a scheduled enqueue time and returns the numbers that cancel them
    /// (a queue's sequence number; for a topic, the topic's own number shared by every subscription's copy).
    /// </summary>
    internal IReadOnlyList<long> Schedule(string queueOrTopic, IReadOnlyList<BrokerMessage> messages) => Send(queueOrTopic, messages);

    /// <summary>Removes scheduled messages that have not been enqueued yet; numbers that match none are ignored, as Service Bus does.</summary>
    internal void CancelScheduled(string queueOrTopic, IReadOnlyList<long> scheduleIds)
    {
        ArgumentNullException.ThrowIfNull(scheduleIds);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SendTarget target = Target(queueOrTopic);
            foreach (long id in scheduleIds)
            {
                foreach (MessageEntity entity in target.Receivers)
                {
                    entity.CancelScheduled(id);
                }
            }

            OnStateChanged(_time.GetUtcNow());
        }
    }

    private long SendOne(SendTarget target, BrokerMessage message, DateTimeOffset nowUtc)
    {
        string messageId = message.MessageId ?? Guid.NewGuid().ToString("N");
        if (target.Duplicates?.IsDuplicate(messageId, nowUtc) == true)
        {
            _logger.LogInformation("{Target}: duplicate MessageId {MessageId} dropped", target.Name, messageId);
            return 0;
        }

        long topicScheduleId = target.IsTopic ? ++target.LastScheduleId : 0;
        long scheduleId = topicScheduleId;
        foreach (MessageEntity entity in target.Receivers)
        {
            entity.Advance(nowUtc);
            StoredMessage stored = entity.Enqueue(message, messageId, nowUtc, target.MessageTimeToLive);
            if (target.IsTopic)
            {
                stored.ScheduleId = topicScheduleId;
            }
            else
            {
                scheduleId = stored.SequenceNumber;
            }
        }

        return scheduleId;
    }
}
