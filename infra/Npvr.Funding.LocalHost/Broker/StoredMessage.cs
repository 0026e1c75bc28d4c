using System.Collections.Frozen;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>A message's copy inside one queue or subscription, with its delivery state. Guarded by the emulator's lock.</summary>
internal sealed class StoredMessage
{
    public StoredMessage(BrokerMessage source, string messageId, long sequenceNumber, DateTimeOffset enqueuedTimeUtc, DateTimeOffset expiresAtUtc)
    {
        Source = source;
        MessageId = messageId;
        SequenceNumber = sequenceNumber;
        EnqueuedTimeUtc = enqueuedTimeUtc;
        ExpiresAtUtc = expiresAtUtc;
        ApplicationProperties = source.ApplicationProperties is null
            ? FrozenDictionary<string, object>.Empty
            : source.ApplicationProperties.ToFrozenDictionary();
    }

    public BrokerMessage Source { get; }

    public string MessageId { get; }

    public long SequenceNumber { get; }

    public DateTimeOffset EnqueuedTimeUtc { get; }

    public DateTimeOffset ExpiresAtUtc { get; }

    public IReadOnlyDictionary<string, object> ApplicationProperties { get; private init; }

    /// <summary>Deliveries made so far (the current one included while locked).</summary>
    public int DeliveryCount { get; set; }

    public string? LockToken { get; set; }

    public DateTimeOffset LockedUntilUtc { get; set; }

    /// <summary>Set by the delay fault: the head of the entity is not delivered before this.</summary>
    public DateTimeOffset? NotBeforeUtc { get; set; }

    public string? LastFailureDescription { get; set; }

    /// <summary>True for a copy made by the duplicate fault, so that the copy is not duplicated again.</summary>
    public bool IsInjectedDuplicate { get; private init; }

    public StoredMessage CloneAsDuplicate() =>
        new(Source, MessageId, SequenceNumber, EnqueuedTimeUtc, ExpiresAtUtc)
        {
            ApplicationProperties = ApplicationProperties,
            DeliveryCount = DeliveryCount,
            IsInjectedDuplicate = true,
        };

    public ReceivedMessage ToReceived() => new(
        Source.Body,
        MessageId,
        DeliveryCount,
        SequenceNumber,
        EnqueuedTimeUtc,
        ExpiresAtUtc,
        LockToken ?? throw new InvalidOperationException("Only a locked message can be handed to a handler."),
        Source.ContentType,
        ApplicationProperties,
        Source.CorrelationId,
        Source.Subject);

    public DeadLetteredMessage ToDeadLettered(string reason, string? description, DateTimeOffset nowUtc) => new(
        Source.Body,
        MessageId,
        SequenceNumber,
        DeliveryCount,
        reason,
        description,
        EnqueuedTimeUtc,
        nowUtc,
        Source.ContentType,
        ApplicationProperties);
}
