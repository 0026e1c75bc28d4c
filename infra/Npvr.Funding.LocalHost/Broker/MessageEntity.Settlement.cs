using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Settlement, lock renewal, peek, cancellation, expiry and dead-lettering of one entity's messages.</summary>
internal sealed partial class MessageEntity
{
    public SettleResult Complete(Guid lockToken)
    {
        if (!_locked.Remove(lockToken, out StoredMessage? message))
        {
            return SettleResult.LockLost;
        }

        message.LockToken = null;
        return SettleResult.Completed;
    }

    /// <summary>A receiver's abandon: the delivery counts, the message becomes available again (or is dead-lettered).</summary>
    public SettleResult Abandon(Guid lockToken, IReadOnlyDictionary<string, object>? propertiesToModify, string? description, DateTimeOffset nowUtc)
    {
        if (!_locked.Remove(lockToken, out StoredMessage? message))
        {
            return SettleResult.LockLost;
        }

        message.ModifyProperties(propertiesToModify);
        return Abandon(message, description, nowUtc);
    }

    /// <summary>
    /// A receiver's release (AMQP "released": the transfer "was not and will not be acted upon", AMQP 1.0 section 3.4.4;
    /// only "modified" with delivery-failed counts an unsuccessful attempt, 3.4.5): the message becomes available again
    /// and this delivery does not count toward maxDeliveryCount. The client releases what it received but will not hand
    /// to a handler, e.g. while a processor stops; counting those dead-lettered a message after ten releases within one
    /// stop (simulator seed 480). An application's abandon arrives as "modified" and counts (<see cref="Abandon(Guid, IReadOnlyDictionary{string, object}?, string?, DateTimeOffset)"/>).
    /// </summary>
    public SettleResult Release(Guid lockToken, DateTimeOffset nowUtc)
    {
        if (!_locked.Remove(lockToken, out StoredMessage? message))
        {
            return SettleResult.LockLost;
        }

        message.DeliveryCount--;
        System.Diagnostics.Debug.Assert(message.DeliveryCount >= 0, "A released delivery was counted when it was made.");
        return Abandon(message, message.LastFailureDescription, nowUtc);
    }

    /// <summary>A receiver's explicit dead-letter, with its own reason and description.</summary>
    public SettleResult DeadLetter(
        Guid lockToken, string? reason, string? description, IReadOnlyDictionary<string, object>? propertiesToModify, DateTimeOffset nowUtc)
    {
        if (!_locked.Remove(lockToken, out StoredMessage? message))
        {
            return SettleResult.LockLost;
        }

        message.ModifyProperties(propertiesToModify);
        DeadLetter(message, reason, description, nowUtc);
        return SettleResult.DeadLettered;
    }

    /// <summary>Extends a held lock by the entity's lock duration from now; null when the lock is no longer held.</summary>
    public DateTimeOffset? RenewLock(Guid lockToken, DateTimeOffset nowUtc)
    {
        if (!_locked.TryGetValue(lockToken, out StoredMessage? message))
        {
            return null;
        }

        // A lock the lock-expiry fault doomed is not extended: it runs out as a handler that outlived its lock would see it.
        if (!message.LockExpiryInjected)
        {
            message.LockedUntilUtc = nowUtc + Settings.LockDuration;
        }

        return message.LockedUntilUtc;
    }

    /// <summary>Receive-and-delete: the locked message leaves the entity at once.</summary>
    public void Forget(StoredMessage message)
    {
        _locked.Remove(message.LockToken!.Value);
        message.LockToken = null;
    }

    /// <summary>Active, locked and scheduled messages from a sequence number on, in sequence order, without locking them.</summary>
    public IReadOnlyList<StoredMessage> Peek(long fromSequenceNumber, int maxCount) =>
        [.. _available.Concat(_locked.Values).Concat(_scheduled)
            .Where(m => m.SequenceNumber >= fromSequenceNumber && !m.IsInjectedDuplicate)
            .OrderBy(m => m.SequenceNumber)
            .Take(maxCount)];

    /// <summary>Removes the scheduled message a schedule request numbered <paramref name="scheduleId"/>; false when none waits.</summary>
    public bool CancelScheduled(long scheduleId) => _scheduled.RemoveAll(m => m.ScheduleId == scheduleId) > 0;

    private SettleResult Abandon(StoredMessage message, string? description, DateTimeOffset nowUtc)
    {
        message.LockToken = null;
        message.LastFailureDescription = description;
        if (!IsDeadLetterQueue && message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            DeadLetter(message, MaxDeliveryReason,
                description ?? $"Message could not be consumed after {message.DeliveryCount} delivery attempts.", nowUtc);
            return SettleResult.DeadLettered;
        }

        if (!IsDeadLetterQueue && message.ExpiresAtUtc <= nowUtc)
        {
            Expire(message, nowUtc);
            return SettleResult.Expired;
        }

        MakeAvailable(message, nowUtc);
        NoteExpiry(message.ExpiresAtUtc);
        return SettleResult.Abandoned;
    }

    private void ExpireMessages(DateTimeOffset nowUtc)
    {
        _nextExpiryUtc = DateTimeOffset.MaxValue;
        if (IsDeadLetterQueue)
        {
            return; // Service Bus does not expire dead letters: they wait for an operator.
        }

        foreach (StoredMessage expired in _available.Where(m => m.ExpiresAtUtc <= nowUtc).ToList())
        {
            _available.Remove(expired);
            Expire(expired, nowUtc);
        }

        foreach (StoredMessage expired in _scheduled.Where(m => m.ExpiresAtUtc <= nowUtc).ToList())
        {
            _scheduled.Remove(expired);
            Expire(expired, nowUtc);
        }

        foreach (StoredMessage message in _available.Concat(_scheduled))
        {
            NoteExpiry(message.ExpiresAtUtc);
        }
    }

    private void Expire(StoredMessage message, DateTimeOffset nowUtc)
    {
        if (Settings.DeadLetteringOnMessageExpiration)
        {
            DeadLetter(message, ExpiredReason, ExpiredDescription, nowUtc);
            return;
        }

        _logger.LogInformation("{EntityPath}: message {MessageId} expired and was dropped", Path, message.MessageId);
    }

    private void DeadLetter(StoredMessage message, string? reason, string? description, DateTimeOffset nowUtc)
    {
        message.MarkDeadLettered(DeadLetterSourceOf(message), reason, description, nowUtc);
        (DeadLetterQueue ?? this).MakeAvailable(message, nowUtc);
        _logger.LogWarning(
            "{EntityPath}: message {MessageId} dead-lettered after {DeliveryCount} deliveries: {Reason}: {Description}",
            Path, message.MessageId, message.DeliveryCount, reason, description);
    }

    // A dead letter dead-lettered again stays in the dead-letter queue and keeps naming its original entity.
    private string DeadLetterSourceOf(StoredMessage message) => IsDeadLetterQueue ? message.DeadLetterSource ?? Path : Path;
}
