using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// One queue or subscription: its available (FIFO by availability), scheduled, locked and dead-lettered messages.
/// Every member is called under the emulator's lock, with the current time passed in.
/// </summary>
internal sealed class MessageEntity(string path, EntitySettings settings, TimeSpan lockHoldDuration, ILogger logger)
{
    private const string ExpiredReason = "TTLExpiredException";
    private const string ExpiredDescription = "The message expired and was dead lettered.";
    private const string MaxDeliveryReason = "MaxDeliveryCountExceeded";

    private readonly LinkedList<StoredMessage> _available = new();
    private readonly List<StoredMessage> _scheduled = [];
    private readonly Dictionary<string, StoredMessage> _locked = new(StringComparer.Ordinal);
    private readonly List<DeadLetteredMessage> _deadLetters = [];
    private long _lastSequenceNumber;
    private DateTimeOffset _nextExpiryUtc = DateTimeOffset.MaxValue;

    public string Path { get; } = path;

    public EntitySettings Settings { get; } = settings;

    public EntityFaultState Faults { get; } = new();

    public EntityProcessor? Processor { get; set; }

    /// <summary>Service Bus's ActiveMessageCount: available plus locked (not scheduled, not dead-lettered).</summary>
    public int ActiveCount => _available.Count + _locked.Count;

    public IReadOnlyList<DeadLetteredMessage> DeadLetters => [.. _deadLetters];

    public void Enqueue(BrokerMessage message, string messageId, DateTimeOffset nowUtc, TimeSpan upstreamTimeToLive)
    {
        DateTimeOffset enqueuedUtc = message.ScheduledEnqueueTimeUtc is { } at && at > nowUtc ? at.ToUniversalTime() : nowUtc;
        TimeSpan ttl = Min(Min(upstreamTimeToLive, Settings.DefaultMessageTimeToLive), message.TimeToLive ?? TimeSpan.MaxValue);
        DateTimeOffset expiresUtc = DateTimeOffset.MaxValue - enqueuedUtc <= ttl ? DateTimeOffset.MaxValue : enqueuedUtc + ttl;
        var stored = new StoredMessage(message, messageId, ++_lastSequenceNumber, enqueuedUtc, expiresUtc);
        if (enqueuedUtc > nowUtc)
        {
            _scheduled.Add(stored);
        }
        else
        {
            _available.AddLast(stored);
        }

        NoteExpiry(expiresUtc);
    }

    /// <summary>Applies everything that time alone does: scheduled messages appear, locks expire, TTLs expire.</summary>
    public void Advance(DateTimeOffset nowUtc)
    {
        PromoteDueScheduled(nowUtc);
        foreach (StoredMessage lost in _locked.Values.Where(m => m.LockedUntilUtc <= nowUtc).ToList())
        {
            _locked.Remove(lost.LockToken!);
            logger.LogWarning("{EntityPath}: lock of message {MessageId} expired before it was settled", Path, lost.MessageId);
            Abandon(lost, $"The lock expired at {lost.LockedUntilUtc:O} before the handler settled the message.", nowUtc);
        }

        if (nowUtc >= _nextExpiryUtc)
        {
            ExpireMessages(nowUtc);
        }
    }

    /// <summary>Locks the next deliverable message, or returns null when none is (faults may hold messages back).</summary>
    public StoredMessage? TryLockNext(DateTimeOffset nowUtc)
    {
        if (_available.First is null || !Faults.TryReleaseReorderBatch(_available, nowUtc))
        {
            return null;
        }

        StoredMessage head = _available.First!.Value;
        if (Faults.DeliveryDelay > TimeSpan.Zero)
        {
            head.NotBeforeUtc ??= nowUtc + Faults.DeliveryDelay;
            if (head.NotBeforeUtc > nowUtc)
            {
                return null;
            }
        }

        _available.RemoveFirst();
        if (Faults.TakeDuplicate(head))
        {
            _available.AddFirst(head.CloneAsDuplicate());
        }

        head.DeliveryCount++;
        head.LockToken = Guid.NewGuid().ToString();
        head.LockedUntilUtc = nowUtc + lockHoldDuration;
        head.NotBeforeUtc = null;
        _locked.Add(head.LockToken, head);
        return head;
    }

    /// <summary>Completes or abandons the locked message; refuses (LockLost) when the lock is no longer held.</summary>
    public SettleResult Settle(string lockToken, DeliveryOutcome outcome, DateTimeOffset nowUtc)
    {
        if (!_locked.Remove(lockToken, out StoredMessage? message))
        {
            return SettleResult.LockLost;
        }

        message.LockToken = null;
        return outcome.Succeeded
            ? SettleResult.Completed
            : Abandon(message, outcome.FailureDescription ?? "The handler failed without a description.", nowUtc);
    }

    /// <summary>The earliest future time at which time alone changes this entity, or null.</summary>
    public DateTimeOffset? NextWakeUtc(DateTimeOffset nowUtc)
    {
        DateTimeOffset wake = _nextExpiryUtc;
        foreach (StoredMessage message in _scheduled)
        {
            wake = Min(wake, message.EnqueuedTimeUtc);
        }

        foreach (StoredMessage message in _locked.Values)
        {
            wake = Min(wake, message.LockedUntilUtc);
        }

        if (_available.Count > 0)
        {
            wake = Min(wake, Faults.ReorderHoldUntilUtc ?? DateTimeOffset.MaxValue);
            wake = Min(wake, _available.First!.Value.NotBeforeUtc ?? DateTimeOffset.MaxValue);
        }

        // Times already reached were applied by Advance or wait for a free handler slot, which is an event.
        return wake > nowUtc && wake != DateTimeOffset.MaxValue ? wake : null;
    }

    /// <summary>Null when nothing is pending up to <paramref name="deadlineUtc"/>; otherwise what is.</summary>
    public string? DescribePending(DateTimeOffset deadlineUtc)
    {
        int running = Processor?.Running ?? 0;
        int scheduledDue = _scheduled.Count(m => m.EnqueuedTimeUtc <= deadlineUtc);
        if (_available.Count == 0 && _locked.Count == 0 && running == 0 && scheduledDue == 0)
        {
            return null;
        }

        string processor = Processor is null ? "; no processor registered" : string.Empty;
        return $"{Path}: {_available.Count} available, {_locked.Count} locked, {running} handler(s) running, "
            + $"{scheduledDue} scheduled before {deadlineUtc:O}{processor}";
    }

    private SettleResult Abandon(StoredMessage message, string description, DateTimeOffset nowUtc)
    {
        message.LockToken = null;
        message.LastFailureDescription = description;
        if (message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            DeadLetter(message, MaxDeliveryReason, description, nowUtc);
            return SettleResult.DeadLettered;
        }

        if (message.ExpiresAtUtc <= nowUtc)
        {
            Expire(message, nowUtc);
            return SettleResult.Expired;
        }

        _available.AddLast(message);
        NoteExpiry(message.ExpiresAtUtc);
        return SettleResult.Abandoned;
    }

    private void PromoteDueScheduled(DateTimeOffset nowUtc)
    {
        if (_scheduled.Count == 0)
        {
            return;
        }

        List<StoredMessage> due = [.. _scheduled.Where(m => m.EnqueuedTimeUtc <= nowUtc)
            .OrderBy(m => m.EnqueuedTimeUtc).ThenBy(m => m.SequenceNumber)];
        foreach (StoredMessage message in due)
        {
            _scheduled.Remove(message);
            _available.AddLast(message);
        }
    }

    private void ExpireMessages(DateTimeOffset nowUtc)
    {
        _nextExpiryUtc = DateTimeOffset.MaxValue;
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

        logger.LogInformation("{EntityPath}: message {MessageId} expired and was dropped", Path, message.MessageId);
    }

    private void DeadLetter(StoredMessage message, string reason, string? description, DateTimeOffset nowUtc)
    {
        _deadLetters.Add(message.ToDeadLettered(reason, description, nowUtc));
        logger.LogWarning(
            "{EntityPath}: message {MessageId} dead-lettered after {DeliveryCount} deliveries: {Reason}: {Description}",
            Path, message.MessageId, message.DeliveryCount, reason, description);
    }

    private void NoteExpiry(DateTimeOffset expiresUtc) => _nextExpiryUtc = Min(_nextExpiryUtc, expiresUtc);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
