namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// A message as a pull receiver (the AMQP endpoint) gets it: received under a lock, received and deleted, or peeked.
/// </summary>
/// <param name="Message">What the sender sent (with its encoded form when it came through AMQP).</param>
/// <param name="DeliveryCount">Deliveries so far, this one included; a peek does not count.</param>
/// <param name="LockToken">Null when the message was peeked or received in receive-and-delete mode.</param>
/// <param name="ApplicationProperties">The sender's properties with every change since (modifications, dead-letter reason).</param>
/// <param name="DeadLetterSource">The entity whose dead-letter queue this message came from; null for a live message.</param>
internal sealed record BrokerDelivery(
    BrokerMessage Message,
    string MessageId,
    long SequenceNumber,
    int DeliveryCount,
    DateTimeOffset EnqueuedTimeUtc,
    DateTimeOffset ExpiresAtUtc,
    Guid? LockToken,
    DateTimeOffset? LockedUntilUtc,
    IReadOnlyDictionary<string, object> ApplicationProperties,
    string? DeadLetterSource);
