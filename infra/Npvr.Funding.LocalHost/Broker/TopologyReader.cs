using System.Xml;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Reads topology JSON with ARM property names; tolerant of fields it does not know.</summary>
internal static class TopologyReader
{
    public static BrokerTopology Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JObject root = ReadRoot(json, sourceName);
        var queues = new List<QueueDefinition>();
        foreach ((JObject entity, string where) in Entities(root, "queues", sourceName))
        {
            queues.Add(new QueueDefinition(Name(entity, where), Settings(entity, where)));
        }

        var topics = new List<TopicDefinition>();
        foreach ((JObject entity, string where) in Entities(root, "topics", sourceName))
        {
            string topicName = Name(entity, where);
            var subscriptions = new List<SubscriptionDefinition>();
            foreach ((JObject sub, string subWhere) in Entities(entity, "subscriptions", $"{where} '{topicName}'"))
            {
                subscriptions.Add(new SubscriptionDefinition(Name(sub, subWhere), Settings(sub, subWhere)));
            }

            topics.Add(new TopicDefinition(topicName, Settings(entity, where), subscriptions));
        }

        return new BrokerTopology(queues, topics);
    }

    private static JObject ReadRoot(string json, string sourceName)
    {
        // DateParseHandling.None keeps ISO 8601 strings as strings instead of guessing dates.
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        try
        {
            return JToken.ReadFrom(reader) as JObject
                ?? throw new FormatException($"{sourceName}: the root must be a JSON object.");
        }
        catch (JsonReaderException ex)
        {
            throw new FormatException($"{sourceName}: invalid JSON: {ex.Message}", ex);
        }
    }

    private static IEnumerable<(JObject Entity, string Where)> Entities(JObject parent, string arrayName, string where)
    {
        JToken? token = parent[arrayName];
        if (token is null || token.Type == JTokenType.Null)
        {
            yield break;
        }

        if (token is not JArray array)
        {
            throw new FormatException($"{where}: '{arrayName}' must be an array.");
        }

        for (int i = 0; i < array.Count; i++)
        {
            yield return array[i] is JObject entity
                ? (entity, $"{where} {arrayName}[{i}]")
                : throw new FormatException($"{where}: {arrayName}[{i}] must be an object.");
        }
    }

    private static string Name(JObject entity, string where)
    {
        string? name = entity["name"]?.Type == JTokenType.String ? (string?)entity["name"] : null;
        return string.IsNullOrWhiteSpace(name)
            ? throw new FormatException($"{where}: 'name' must be a non-empty string.")
            : name;
    }

    private static EntitySettings Settings(JObject entity, string where)
    {
        if (entity["properties"] is not JObject properties)
        {
            return EntitySettings.Defaults;
        }

        EntitySettings defaults = EntitySettings.Defaults;
        var settings = new EntitySettings
        {
            LockDuration = Duration(properties, "lockDuration", where) ?? defaults.LockDuration,
            MaxDeliveryCount = Integer(properties, "maxDeliveryCount", where) ?? defaults.MaxDeliveryCount,
            DeadLetteringOnMessageExpiration = Boolean(properties, "deadLetteringOnMessageExpiration", where)
                ?? defaults.DeadLetteringOnMessageExpiration,
            DefaultMessageTimeToLive = Duration(properties, "defaultMessageTimeToLive", where)
                ?? defaults.DefaultMessageTimeToLive,
            RequiresDuplicateDetection = Boolean(properties, "requiresDuplicateDetection", where)
                ?? defaults.RequiresDuplicateDetection,
            DuplicateDetectionHistoryTimeWindow = Duration(properties, "duplicateDetectionHistoryTimeWindow", where)
                ?? defaults.DuplicateDetectionHistoryTimeWindow,
        };
        return settings.MaxDeliveryCount >= 1
            ? settings
            : throw new FormatException($"{where}: 'maxDeliveryCount' must be at least 1.");
    }

    private static TimeSpan? Duration(JObject properties, string name, string where)
    {
        JToken? token = properties[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        string text = token.Type == JTokenType.String
            ? (string)token!
            : throw new FormatException($"{where}: '{name}' must be an ISO 8601 duration string such as \"PT1M\".");
        try
        {
            TimeSpan value = XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero
                ? value
                : throw new FormatException($"{where}: '{name}' must be a positive duration, got \"{text}\".");
        }
        catch (OverflowException ex)
        {
            throw new FormatException($"{where}: '{name}' duration \"{text}\" is too large.", ex);
        }
        catch (FormatException ex) when (!ex.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new FormatException($"{where}: '{name}' is not an ISO 8601 duration: \"{text}\".", ex);
        }
    }

    private static int? Integer(JObject properties, string name, string where)
    {
        JToken? token = properties[name];
        return token is null || token.Type == JTokenType.Null ? null
            : token.Type == JTokenType.Integer ? (int)token
            : throw new FormatException($"{where}: '{name}' must be an integer.");
    }

    private static bool? Boolean(JObject properties, string name, string where)
    {
        JToken? token = properties[name];
        return token is null || token.Type == JTokenType.Null ? null
            : token.Type == JTokenType.Boolean ? (bool)token
            : throw new FormatException($"{where}: '{name}' must be true or false.");
    }
}
