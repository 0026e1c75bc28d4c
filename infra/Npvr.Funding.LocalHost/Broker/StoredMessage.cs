using System.Collections.Frozen;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>A message's copy inside one queue or subscription, with its delivery state. Guarded by the emulator's lock.</summary>
internal sealed class StoredMessage
{
    /// <summary>Application property names Service Bus writes on a dead-lettered message (the client reads them back).</summary>
    public const string DeadLetterReasonProperty = "DeadLetterReason";

    /// <inheritdoc cref="DeadLetterReasonProperty"/>
    public const string DeadLetterDescriptionProperty = "DeadLetterErrorDescription";

    public StoredMessage(BrokerMessage source, string messageId, long sequenceNumber, DateTimeOffset enqueuedTimeUtc, DateTimeOffset expiresAtUtc)
    {
        Source = source;
        MessageId = messageId;
        SequenceNumber = sequenceNumber;
        ScheduleId = sequenceNumber;
        EnqueuedTimeUtc = enqueuedTimeUtc;
        ExpiresAtUtc = expiresAtUtc;
        ApplicationProperties = source.ApplicationProperties is null
            ? FrozenDictionary<string, object>.Empty
            : source.ApplicationProperties.ToFrozenDictionary();
    }

    public BrokerMessage Source { get; }

    public string MessageId { get; }

    public long SequenceNumber { get; }

    /// <summary>The number a schedule request returned for this message (the topic's own number for a topic's copy).</summary>
    public long ScheduleId { get; set; }

    public DateTimeOffset EnqueuedTimeUtc { get; }

    public DateTimeOffset ExpiresAtUtc { get; }

    /// <summary>The sender's properties with every later change (abandon or dead-letter with properties to modify).</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; private set; }

    /// <summary>Deliveries made so far (the current one included while locked).</summary>
    public int DeliveryCount { get; set; }

    public Guid? LockToken { get; set; }

    public DateTimeOffset LockedUntilUtc { get; set; }

    /// <summary>Set by the delay fault: the head of the entity is not delivered before this.</summary>
    public DateTimeOffset? NotBeforeUtc { get; set; }

    /// <summary>The current lock was doomed by the lock-expiry fault: renewals do not extend it.</summary>
    public bool LockExpiryInjected { get; set; }

    public string? LastFailureDescription { get; set; }

    /// <summary>True for a copy made by the duplicate fault, so that the copy is not duplicated again.</summary>
    public bool IsInjectedDuplicate { get; private init; }

    /// <summary>The entity whose dead-letter queue holds this message; null for a live message.</summary>
    public string? DeadLetterSource { get; private set; }

    public DateTimeOffset? DeadLetteredAtUtc { get; private set; }

    /// <summary>Merges a receiver's "properties to modify" into the application properties.</summary>
    public void ModifyProperties(IReadOnlyDictionary<string, object>? changes)
    {
        if (changes is null || changes.Count == 0)
        {
            return;
        }

        var merged = new Dictionary<string, object>(ApplicationProperties, StringComparer.Ordinal);
        foreach ((string key, object value) in changes)
        {
            merged[key] = value;
        }

        ApplicationProperties = merged.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Records why the message was dead-lettered where Service Bus does: in its application properties.</summary>
    public void MarkDeadLettered(string sourcePath, string? reason, string? description, DateTimeOffset nowUtc)
    {
        var changes = new Dictionary<string, object>(StringComparer.Ordinal);
        if (reason is not null)
        {
            changes[DeadLetterReasonProperty] = reason;
        }

        if (description is not null)
        {
            changes[DeadLetterDescriptionProperty] = description;
        }

        ModifyProperties(changes);
        DeadLetterSource = sourcePath;
        DeadLetteredAtUtc = nowUtc;
        LockToken = null;
        NotBeforeUtc = null;
    }

    public StoredMessage CloneAsDuplicate() =>
        new(Source, MessageId, SequenceNumber, EnqueuedTimeUtc, ExpiresAtUtc)
        {
            ApplicationProperties = ApplicationProperties,
            DeliveryCount = DeliveryCount,
            ScheduleId = ScheduleId,
            IsInjectedDuplicate = true,
        };

    /// <summary>What a pull receiver (or a peek) is handed.</summary>
    public BrokerDelivery ToDelivery() => new(
        Source,
        MessageId,
        SequenceNumber,
        DeliveryCount,
        EnqueuedTimeUtc,
        ExpiresAtUtc,
        LockToken,
        LockToken is null ? null : LockedUntilUtc,
        ApplicationProperties,
        DeadLetterSource);

    public DeadLetteredMessage ToDeadLettered() => new(
        Source.Body,
        MessageId,
        SequenceNumber,
        DeliveryCount,
        ApplicationProperties.GetValueOrDefault(DeadLetterReasonProperty) as string,
        ApplicationProperties.GetValueOrDefault(DeadLetterDescriptionProperty) as string,
        EnqueuedTimeUtc,
        DeadLetteredAtUtc ?? EnqueuedTimeUtc,
        Source.ContentType,
        ApplicationProperties);
}
