using System.Text;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// Builds the AMQP message a receiver gets: the sender's encoded message with Service Bus's broker state written
/// over it (servicebus-amqp.md, "Receiving"): header delivery-count = previous deliveries (the client adds one),
/// header ttl = the effective time to live, annotations x-opt-sequence-number, x-opt-enqueued-time,
/// x-opt-locked-until and x-opt-deadletter-source, and the application properties as they stand now.
/// </summary>
internal static class DeliveryEncoder
{
    public static AmqpMessage Encode(BrokerDelivery delivery)
    {
        AmqpMessage message = delivery.Message.WireBytes is { } bytes ? FromWire(bytes) : FromText(delivery);
        message.Header.DeliveryCount = (uint)Math.Max(0, delivery.DeliveryCount - 1);
        TimeSpan ttl = delivery.ExpiresAtUtc - delivery.EnqueuedTimeUtc;
        if (delivery.ExpiresAtUtc != DateTimeOffset.MaxValue && ttl.TotalMilliseconds is > 0 and <= uint.MaxValue)
        {
            message.Header.Ttl = (uint)ttl.TotalMilliseconds;
        }

        var annotations = message.MessageAnnotations.Map;
        annotations[ServiceBusNames.SequenceNumber] = delivery.SequenceNumber;
        annotations[ServiceBusNames.EnqueuedTime] = delivery.EnqueuedTimeUtc.UtcDateTime;
        if (delivery.LockedUntilUtc is { } lockedUntil)
        {
            annotations[ServiceBusNames.LockedUntil] = lockedUntil.UtcDateTime;
        }

        if (delivery.DeadLetterSource is { } source)
        {
            annotations[ServiceBusNames.DeadLetterSource] = source;
        }

        var properties = new ApplicationProperties();
        foreach ((string key, object value) in delivery.ApplicationProperties)
        {
            properties.Map[key] = AmqpValues.ToAmqp(value);
        }

        message.ApplicationProperties = properties;
        return message;
    }

    /// <summary>The whole encoded message, as a peek answer carries it.</summary>
    public static byte[] ToBytes(BrokerDelivery delivery)
    {
        using AmqpMessage message = Encode(delivery);
        return MessageDecoder.RawBytes(message);
    }

    // Rebuilt from the decoded sections (a received message's own sections cannot be changed and re-encoded);
    // the body sections are encoded again as they were decoded, so their type and content are kept.
    private static AmqpMessage FromWire(byte[] bytes)
    {
        using AmqpMessage source = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(bytes)]), true);
        SectionFlag sections = source.Sections;
        AmqpMessage message = (sections & SectionFlag.Body) switch
        {
            SectionFlag.Data => AmqpMessage.Create(source.DataBody.ToList()),
            SectionFlag.AmqpValue => AmqpMessage.Create(source.ValueBody),
            SectionFlag.AmqpSequence => AmqpMessage.Create(source.SequenceBody.ToList()),
            _ => AmqpMessage.Create(),
        };
        SectionCopy.CopyNonBody(source, message);
        return message;
    }

    // An in-process send has no encoded form: build what ServiceBusMessage(string) would send (a UTF-8 Data body).
    private static AmqpMessage FromText(BrokerDelivery delivery)
    {
        BrokerMessage sent = delivery.Message;
        AmqpMessage message = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>(Encoding.UTF8.GetBytes(sent.Body)) });
        message.Properties.MessageId = delivery.MessageId;
        message.Properties.CorrelationId = sent.CorrelationId;
        message.Properties.Subject = sent.Subject;
        message.Properties.ContentType = sent.ContentType;
        if (sent.ScheduledEnqueueTimeUtc is { } scheduled)
        {
            message.MessageAnnotations.Map[ServiceBusNames.ScheduledEnqueueTime] = scheduled.UtcDateTime;
        }

        return message;
    }
}
