namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// A message in an entity's dead-letter queue (Service Bus's "&lt;entity&gt;/$DeadLetterQueue").
/// </summary>
/// <param name="DeadLetterReason">"MaxDeliveryCountExceeded" or "TTLExpiredException" as Service Bus writes them, or the receiver's reason; null when none was given.</param>
/// <param name="DeadLetterErrorDescription">The last failure's description, Service Bus's text for expiry, or the receiver's description.</param>
/// <param name="DeliveryCount">How many times the message had been delivered when it was dead-lettered.</param>
public sealed record DeadLetteredMessage(
    string Body,
    string MessageId,
    long SequenceNumber,
    int DeliveryCount,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    DateTimeOffset EnqueuedTimeUtc,
    DateTimeOffset DeadLetteredAtUtc,
    string? ContentType,
    IReadOnlyDictionary<string, object> ApplicationProperties);
