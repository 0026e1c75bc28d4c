using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// Copies the non-body sections of a decoded message into a new one field by field (this library version does not
/// let a message's sections be replaced), as azure-amqp's AmqpMessage.DeepCopy does (src/AmqpMessage.cs).
/// </summary>
internal static class SectionCopy
{
    public static void CopyNonBody(AmqpMessage source, AmqpMessage target)
    {
        SectionFlag sections = source.Sections;
        if ((sections & SectionFlag.Header) != 0)
        {
            target.Header.Durable = source.Header.Durable;
            target.Header.Priority = source.Header.Priority;
            target.Header.Ttl = source.Header.Ttl;
            target.Header.FirstAcquirer = source.Header.FirstAcquirer;
            target.Header.DeliveryCount = source.Header.DeliveryCount;
        }

        if ((sections & SectionFlag.DeliveryAnnotations) != 0)
        {
            target.DeliveryAnnotations.Map.Merge(source.DeliveryAnnotations.Map);
        }

        if ((sections & SectionFlag.MessageAnnotations) != 0)
        {
            target.MessageAnnotations.Map.Merge(source.MessageAnnotations.Map);
        }

        if ((sections & SectionFlag.Properties) != 0)
        {
            CopyProperties(source.Properties, target.Properties);
        }

        if ((sections & SectionFlag.Footer) != 0)
        {
            target.Footer.Map.Merge(source.Footer.Map);
        }
    }

    private static void CopyProperties(Properties from, Properties to)
    {
        to.MessageId = from.MessageId;
        to.UserId = from.UserId;
        to.To = from.To;
        to.Subject = from.Subject;
        to.ReplyTo = from.ReplyTo;
        to.CorrelationId = from.CorrelationId;
        to.ContentType = from.ContentType;
        to.ContentEncoding = from.ContentEncoding;
        to.AbsoluteExpiryTime = from.AbsoluteExpiryTime;
        to.CreationTime = from.CreationTime;
        to.GroupId = from.GroupId;
        to.GroupSequence = from.GroupSequence;
        to.ReplyToGroupId = from.ReplyToGroupId;
    }
}
