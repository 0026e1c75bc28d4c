namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// One delivery of a message to a processor's handler, carrying what the Functions Service Bus trigger exposes as metadata.
/// </summary>
/// <param name="DeliveryCount">1 on the first delivery; every abandon or lost lock adds one.</param>
/// <param name="SequenceNumber">Increasing per entity (queue or subscription).</param>
/// <param name="EnqueuedTimeUtc">The send time, or the scheduled enqueue time for a scheduled message.</param>
/// <param name="LockToken">Identifies this delivery's lock; a settlement after the lock was lost is refused.</param>
public sealed record ReceivedMessage(
    string Body,
    string MessageId,
    int DeliveryCount,
    long SequenceNumber,
    DateTimeOffset EnqueuedTimeUtc,
    DateTimeOffset ExpiresAtUtc,
    string LockToken,
    string? ContentType,
    IReadOnlyDictionary<string, object> ApplicationProperties,
    string? CorrelationId = null,
    string? Subject = null);
