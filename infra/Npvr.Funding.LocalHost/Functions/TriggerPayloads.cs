using System.Globalization;
using Newtonsoft.Json.Linq;
using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Data and Metadata for non-HTTP triggers, encoded as today's host encodes them (custom-handlers.md 4.0, 4.3, 4.4):
/// strings double-encoded, numbers as strings, and a JSON message body's top-level properties merged into Metadata
/// (where they can shadow real keys — our handlers must not trust Metadata for anything a body could carry).
/// </summary>
internal static class TriggerPayloads
{
    /// <summary>The trigger's binding data, read from the message the Service Bus client received (as the extension does).</summary>
    public static (JObject Data, JObject Metadata) ServiceBus(FunctionDefinition function, ServiceBusReceivedMessage message)
    {
        string body = message.Body.ToString();
        var data = new JObject { [function.TriggerName] = Encode(body) };
        var metadata = new JObject
        {
            ["DeliveryCount"] = Encode(message.DeliveryCount),
            ["MessageId"] = Encode(message.MessageId),
            ["SequenceNumber"] = Encode(message.SequenceNumber),
            ["EnqueuedTimeUtc"] = message.EnqueuedTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            ["ExpiresAtUtc"] = message.ExpiresAt == DateTimeOffset.MaxValue ? null : message.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["LockToken"] = Encode(message.LockToken),
            ["ContentType"] = Encode(message.ContentType),
            ["ApplicationProperties"] = JObject.FromObject(message.ApplicationProperties),
        };
        MergeBodyProperties(metadata, body);
        return (data, metadata);
    }

    public static (JObject Data, JObject Metadata) Timer(FunctionDefinition function, DateTimeOffset last, DateTimeOffset next, bool isPastDue)
    {
        var info = new JObject
        {
            ["Schedule"] = new JObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JObject
            {
                ["Last"] = last.ToString("O", CultureInfo.InvariantCulture),
                ["Next"] = next.ToString("O", CultureInfo.InvariantCulture),
                ["LastUpdated"] = last.ToString("O", CultureInfo.InvariantCulture),
            },
            ["IsPastDue"] = isPastDue,
        };
        return (new JObject { [function.TriggerName] = info }, []);
    }

    private static string Encode(object? value) => BindingData.Encode(value);

    private static void MergeBodyProperties(JObject metadata, string body)
    {
        var properties = new Dictionary<string, JToken>(StringComparer.Ordinal);
        BindingData.AddJsonProperties(properties, body);
        foreach (var (name, value) in properties) metadata[name] = value;
    }
}
