using Azure.Messaging.ServiceBus;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Ops;

/// <summary>One dead-lettered message as an operator needs to see it, with the event it carries.</summary>
public sealed record DeadLetter(
    string EntityPath,
    long SequenceNumber,
    string MessageId,
    string? Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset EnqueuedAt,
    string? EventType,
    string? EventId)
{
    public static DeadLetter From(string entityPath, ServiceBusReceivedMessage message)
    {
        var (type, id) = EventOf(message);
        return new DeadLetter(entityPath, message.SequenceNumber, message.MessageId, message.DeadLetterReason,
            message.DeadLetterErrorDescription, message.DeliveryCount, message.EnqueuedTime, type ?? message.Subject, id);
    }

    // The body is an event envelope for funding-events; anything else still shows its Subject and MessageId.
    private static (string? Type, string? EventId) EventOf(ServiceBusReceivedMessage message)
    {
        try
        {
            return JToken.Parse(message.Body.ToString()) is JObject envelope
                ? ((string?)envelope["type"], (string?)envelope["eventId"])
                : (null, null);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return (null, null);
        }
    }
}
