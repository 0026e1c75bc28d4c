namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// A message as a sender hands it to <see cref="ServiceBusEmulator.SendAsync"/> (or as the AMQP endpoint decoded it).
/// </summary>
/// <param name="Body">The message body as text (the system only sends text bodies).</param>
/// <param name="MessageId">Used for duplicate detection; when null the broker assigns a new GUID in "N" format.</param>
/// <param name="ScheduledEnqueueTimeUtc">When set in the future, the message stays invisible until then.</param>
/// <param name="ContentType">Functions' string output binding sends "text/plain".</param>
/// <param name="ApplicationProperties">Copied at send time; later changes by the sender are not seen.</param>
/// <param name="TimeToLive">Per-message TTL; the effective TTL is the smallest of this and the entities' defaultMessageTimeToLive.</param>
/// <param name="CorrelationId">Carried through to the receiver unchanged.</param>
/// <param name="Subject">Carried through to the receiver unchanged (the trigger's "Label"/"Subject").</param>
public sealed record BrokerMessage(
    string Body,
    string? MessageId = null,
    DateTimeOffset? ScheduledEnqueueTimeUtc = null,
    string? ContentType = "text/plain",
    IReadOnlyDictionary<string, object>? ApplicationProperties = null,
    TimeSpan? TimeToLive = null,
    string? CorrelationId = null,
    string? Subject = null)
{
    /// <summary>
    /// The complete encoded AMQP message as the AMQP endpoint received it, so that every section a client set
    /// round-trips to receivers; null for a message sent in-process. The broker never reads it.
    /// </summary>
    internal byte[]? WireBytes { get; init; }
}
