using System.Text;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// Turns what a client sent into <see cref="BrokerMessage"/>s: one message, or a batch (message format 0x80013700,
/// one complete encoded message per Data section: SB Amqp/AmqpMessageConverter.cs). The encoded bytes are kept so
/// that every section round-trips; the broker reads only MessageId, TTL, scheduled time and a text view of the body.
/// </summary>
internal static class MessageDecoder
{
    /// <summary>A batch of Service Bus is bounded by its size (1 MB at most); this bounds the loop even for tiny messages.</summary>
    public const int MaxMessagesPerBatch = 10_000;

    public static IReadOnlyList<BrokerMessage> Decode(AmqpMessage transfer)
    {
        if (transfer.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [FromBytes(RawBytes(transfer))];
        }

        var messages = new List<BrokerMessage>();
        foreach (Data data in transfer.DataBody ?? [])
        {
            if (messages.Count == MaxMessagesPerBatch)
            {
                throw new AmqpException(AmqpErrorCode.ResourceLimitExceeded, $"A batch may hold at most {MaxMessagesPerBatch} messages.");
            }

            messages.Add(FromBytes(((ArraySegment<byte>)data.Value).ToArray()));
        }

        return messages;
    }

    /// <summary>The encoded message exactly as received (all sections).</summary>
    public static byte[] RawBytes(AmqpMessage message)
    {
        using Stream stream = message.ToStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static BrokerMessage FromBytes(byte[] bytes)
    {
        using AmqpMessage message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(bytes)]), true);
        Properties? properties = (message.Sections & SectionFlag.Properties) != 0 ? message.Properties : null;
        uint? ttlMilliseconds = (message.Sections & SectionFlag.Header) != 0 ? message.Header.Ttl : null;
        DateTime? scheduledUtc = null;
        if ((message.Sections & SectionFlag.MessageAnnotations) != 0
            && message.MessageAnnotations.Map[ServiceBusNames.ScheduledEnqueueTime] is DateTime scheduled)
        {
            scheduledUtc = DateTime.SpecifyKind(scheduled, DateTimeKind.Utc);
        }

        IReadOnlyDictionary<string, object>? applicationProperties = (message.Sections & SectionFlag.ApplicationProperties) != 0
            ? AmqpValues.ToProperties(message.ApplicationProperties.Map)
            : null;
        return new BrokerMessage(
            BodyText(message),
            properties?.MessageId?.ToString(),
            scheduledUtc is null ? null : new DateTimeOffset(scheduledUtc.Value),
            properties?.ContentType.Value,
            applicationProperties,
            ttlMilliseconds is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null,
            properties?.CorrelationId?.ToString(),
            properties?.Subject)
        {
            WireBytes = bytes,
        };
    }

    private static string BodyText(AmqpMessage message)
    {
        if ((message.BodyType & SectionFlag.Data) != 0)
        {
            using var body = new MemoryStream();
            foreach (Data data in message.DataBody)
            {
                var segment = (ArraySegment<byte>)data.Value;
                body.Write(segment.AsSpan());
            }

            return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        }

        return (message.BodyType & SectionFlag.AmqpValue) != 0 ? message.ValueBody.Value?.ToString() ?? string.Empty : string.Empty;
    }
}
