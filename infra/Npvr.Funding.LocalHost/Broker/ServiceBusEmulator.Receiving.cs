namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// Pull-style receiving for the AMQP endpoint: receive against a receiver's credit, settle by lock token, renew,
/// peek. Entity paths here also accept a dead-letter subqueue: "&lt;queue or subscription&gt;/$DeadLetterQueue".
/// </summary>
public sealed partial class ServiceBusEmulator
{
    /// <summary>A peek or receive hands out at most this many messages per call (Service Bus's own peek page is smaller).</summary>
    internal const int MaxMessagesPerCall = 500;

    private int _deliverableNotificationQueued;

    /// <summary>
    /// Raised on a thread-pool thread, outside the emulator's lock, after a message may have become deliverable
    /// (sent, abandoned, lock lost, scheduled time reached, fault changed or a fault's hold elapsed). Coalesced: one
    /// notification may stand for several changes, and a receiver with credit asks again with <see cref="Receive"/>.
    /// </summary>
    internal event Action? Deliverable;

    /// <summary>True when <paramref name="path"/> names a queue, a subscription or the dead-letter queue of one.</summary>
    internal bool IsReceivable(string path)
    {
        lock (_gate)
        {
            return TryReceivable(path) is not null;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="maxCount"/> deliverable messages, locking each for the entity's lock duration, or
    /// (<paramref name="deleteOnReceive"/>) removing it at once. Faults (duplicate, reorder, delay) apply as for any delivery.
    /// </summary>
    internal IReadOnlyList<BrokerDelivery> Receive(string entityPath, int maxCount, bool deleteOnReceive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Receivable(entityPath);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            entity.Advance(nowUtc);
            var deliveries = new List<BrokerDelivery>();
            int limit = Math.Min(maxCount, MaxMessagesPerCall);
            while (deliveries.Count < limit && entity.TryLockNext(nowUtc) is { } message)
            {
                if (deleteOnReceive)
                {
                    entity.Forget(message);
                }

                deliveries.Add(message.ToDelivery());
            }

            OnStateChanged(nowUtc);
            return deliveries;
        }
    }

    internal SettleResult Complete(string entityPath, Guid lockToken) =>
        Settle(entityPath, (entity, _) => entity.Complete(lockToken));

    internal SettleResult Abandon(string entityPath, Guid lockToken, IReadOnlyDictionary<string, object>? propertiesToModify) =>
        Settle(entityPath, (entity, nowUtc) => entity.Abandon(lockToken, propertiesToModify, null, nowUtc));

    internal SettleResult Release(string entityPath, Guid lockToken) =>
        Settle(entityPath, (entity, nowUtc) => entity.Release(lockToken, nowUtc));

    internal SettleResult DeadLetter(
        string entityPath, Guid lockToken, string? reason, string? description, IReadOnlyDictionary<string, object>? propertiesToModify) =>
        Settle(entityPath, (entity, nowUtc) => entity.DeadLetter(lockToken, reason, description, propertiesToModify, nowUtc));

    /// <summary>Extends a lock by the entity's lock duration; null when the lock was lost (expired or settled).</summary>
    internal DateTimeOffset? RenewLock(string entityPath, Guid lockToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Receivable(entityPath);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            entity.Advance(nowUtc);
            DateTimeOffset? lockedUntilUtc = entity.RenewLock(lockToken, nowUtc);
            OnStateChanged(nowUtc);
            return lockedUntilUtc;
        }
    }

    /// <summary>Messages from a sequence number on, in order, without locking or counting a delivery.</summary>
    internal IReadOnlyList<BrokerDelivery> Peek(string entityPath, long fromSequenceNumber, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Receivable(entityPath);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            entity.Advance(nowUtc);
            List<BrokerDelivery> peeked = [.. entity.Peek(fromSequenceNumber, Math.Min(maxCount, MaxMessagesPerCall))
                .Select(m => m.ToDelivery() with { LockToken = null, LockedUntilUtc = null })];
            OnStateChanged(nowUtc);
            return peeked;
        }
    }

    private SettleResult Settle(string entityPath, Func<MessageEntity, DateTimeOffset, SettleResult> settle)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Receivable(entityPath);
            DateTimeOffset nowUtc = _time.GetUtcNow();

            // Time first: a lock that expired a moment ago is lost even if its timer has not fired yet.
            entity.Advance(nowUtc);
            SettleResult result = settle(entity, nowUtc);
            OnStateChanged(nowUtc);
            return result;
        }
    }

    private MessageEntity Receivable(string entityPath) =>
        TryReceivable(entityPath) ?? throw new InvalidOperationException(
            $"No queue, subscription or dead-letter queue with path '{entityPath}'; known: {string.Join(", ", _entities.Keys)}.");

    private MessageEntity? TryReceivable(string entityPath)
    {
        ArgumentNullException.ThrowIfNull(entityPath);
        if (_entities.TryGetValue(entityPath, out MessageEntity? entity))
        {
            return entity;
        }

        string suffix = "/" + MessageEntity.DeadLetterQueueSuffix;
        return entityPath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && _entities.TryGetValue(entityPath[..^suffix.Length], out MessageEntity? parent)
            ? parent.DeadLetterQueue
            : null;
    }

    /// <summary>Called under the lock: hands "something may be deliverable" to the thread pool, at most one at a time queued.</summary>
    private void NotifyDeliverable()
    {
        if (Deliverable is null || Interlocked.Exchange(ref _deliverableNotificationQueued, 1) == 1)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static emulator =>
            {
                // Reset before raising: a change during the handlers queues another notification, so none is lost.
                Volatile.Write(ref emulator._deliverableNotificationQueued, 0);
                emulator.Deliverable?.Invoke();
            },
            this,
            preferLocal: false);
    }
}
