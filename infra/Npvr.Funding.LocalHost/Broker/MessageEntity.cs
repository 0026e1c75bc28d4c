using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// One queue or subscription (or the dead-letter queue of one): its available (FIFO by availability), scheduled and
/// locked messages. Every member is called under the emulator's lock, with the current time passed in.
/// </summary>
internal sealed partial class MessageEntity
{
    /// <summary>Service Bus's name of an entity's dead-letter subqueue, appended to the entity path after a slash.</summary>
    public const string DeadLetterQueueSuffix = "$DeadLetterQueue";

    private const string ExpiredReason = "TTLExpiredException";
    private const string ExpiredDescription = "The message expired and was dead lettered.";
    private const string MaxDeliveryReason = "MaxDeliveryCountExceeded";

    /// <summary>
    /// A lock doomed by the lock-expiry fault runs out this soon after delivery: well inside any handler's first storage
    /// round trip, so the message is redelivered (to another receiver) while the first handler still runs.
    /// </summary>
    private static readonly TimeSpan InjectedLockLifetime = TimeSpan.FromMilliseconds(1);

    private readonly LinkedList<StoredMessage> _available = new();
    private readonly List<StoredMessage> _scheduled = [];
    private readonly Dictionary<Guid, StoredMessage> _locked = [];
    private readonly ILogger _logger;
    private long _lastSequenceNumber;
    private DateTimeOffset _nextExpiryUtc = DateTimeOffset.MaxValue;
    private DateTimeOffset? _announcedHoldEndUtc;

    public MessageEntity(string path, EntitySettings settings, ILogger logger, bool isDeadLetterQueue = false)
    {
        Path = path;
        Settings = settings;
        _logger = logger;
        IsDeadLetterQueue = isDeadLetterQueue;
        DeadLetterQueue = isDeadLetterQueue
            ? null
            : new MessageEntity($"{path}/{DeadLetterQueueSuffix}", settings, logger, isDeadLetterQueue: true);
    }

    public string Path { get; }

    public EntitySettings Settings { get; }

    public bool IsDeadLetterQueue { get; }

    /// <summary>The entity's "$DeadLetterQueue" subqueue; null for a dead-letter queue itself.</summary>
    public MessageEntity? DeadLetterQueue { get; }

    public EntityFaultState Faults { get; } = new();

    /// <summary>Service Bus's ActiveMessageCount: available plus locked (not scheduled, not dead-lettered).</summary>
    public int ActiveCount => _available.Count + _locked.Count;

    /// <summary>Everything in the dead-letter queue (available or locked by a receiver), oldest first.</summary>
    public IReadOnlyList<DeadLetteredMessage> DeadLetters => DeadLetterQueue is null ? [] :
        [.. DeadLetterQueue._available.Concat(DeadLetterQueue._locked.Values)
            .OrderBy(m => m.DeadLetteredAtUtc).ThenBy(m => m.SequenceNumber).Select(m => m.ToDeadLettered())];

    /// <summary>Set whenever a message became available (or may have: faults changed); read and reset by the emulator.</summary>
    public bool DeliverableChanged { get; set; }

    public StoredMessage Enqueue(BrokerMessage message, string messageId, DateTimeOffset nowUtc, TimeSpan upstreamTimeToLive)
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
            MakeAvailable(stored, nowUtc);
        }

        NoteExpiry(expiresUtc);
        return stored;
    }

    /// <summary>Applies everything that time alone does: scheduled messages appear, locks expire, TTLs expire.</summary>
    public void Advance(DateTimeOffset nowUtc)
    {
        PromoteDueScheduled(nowUtc);
        foreach (StoredMessage lost in _locked.Values.Where(m => m.LockedUntilUtc <= nowUtc).ToList())
        {
            _locked.Remove(lost.LockToken!.Value);
            _logger.LogWarning("{EntityPath}: lock of message {MessageId} expired before it was settled", Path, lost.MessageId);
            Abandon(lost, $"The lock expired at {lost.LockedUntilUtc:O} before the handler settled the message.", nowUtc);
        }

        if (nowUtc >= _nextExpiryUtc)
        {
            ExpireMessages(nowUtc);
        }

        DeadLetterQueue?.Advance(nowUtc);
    }

    /// <summary>Locks the next deliverable message for the entity's lock duration, or returns null when none is (faults may hold messages back).</summary>
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
            DeliverableChanged = true;
        }

        head.DeliveryCount++;
        head.LockToken = Guid.NewGuid();
        head.LockExpiryInjected = Faults.TakeLockExpiry();
        head.LockedUntilUtc = nowUtc + (head.LockExpiryInjected ? InjectedLockLifetime : Settings.LockDuration);
        head.NotBeforeUtc = null;
        _locked.Add(head.LockToken.Value, head);
        StampFaultTimes(nowUtc);
        return head;
    }

    /// <summary>Null when nothing is pending up to <paramref name="deadlineUtc"/>; otherwise what is.</summary>
    public string? DescribePending(DateTimeOffset deadlineUtc)
    {
        int scheduledDue = _scheduled.Count(m => m.EnqueuedTimeUtc <= deadlineUtc);
        return _available.Count == 0 && _locked.Count == 0 && scheduledDue == 0
            ? null
            : $"{Path}: {_available.Count} available, {_locked.Count} locked, {scheduledDue} scheduled before {deadlineUtc:O}";
    }

    private void MakeAvailable(StoredMessage message, DateTimeOffset nowUtc)
    {
        _available.AddLast(message);
        DeliverableChanged = true;
        StampFaultTimes(nowUtc);
    }

    private void NoteExpiry(DateTimeOffset expiresUtc) => _nextExpiryUtc = Min(_nextExpiryUtc, expiresUtc);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
