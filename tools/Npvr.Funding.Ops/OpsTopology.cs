using System.Xml;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Ops;

/// <summary>A queue or topic subscription that messages are received from, and where a resubmit sends to.</summary>
public sealed record ReceivingEntity(string Path, string? Topic, string? Subscription, string SendTarget, TimeSpan? DuplicateDetectionWindow)
{
    public string? Queue => Topic is null ? Path : null;
}

/// <summary>
/// The entities of infra/topology.json (the file Bicep deploys and the local broker serves), so the tool lists the
/// same entities locally and in Azure without management rights on the namespace.
/// </summary>
public static class OpsTopology
{
    public static IReadOnlyList<ReceivingEntity> Load(string path)
    {
        var root = JObject.Parse(File.ReadAllText(path));
        var result = new List<ReceivingEntity>();
        foreach (var queue in (root["queues"] as JArray ?? []).OfType<JObject>())
        {
            var name = (string)queue["name"]!;
            result.Add(new ReceivingEntity(name, null, null, name, WindowOf(queue["properties"] as JObject)));
        }
        foreach (var topic in (root["topics"] as JArray ?? []).OfType<JObject>())
        {
            var topicName = (string)topic["name"]!;
            var window = WindowOf(topic["properties"] as JObject);
            foreach (var subscription in (topic["subscriptions"] as JArray ?? []).OfType<JObject>())
            {
                var name = (string)subscription["name"]!;
                result.Add(new ReceivingEntity($"{topicName}/Subscriptions/{name}", topicName, name, topicName, window));
            }
        }
        return result;
    }

    /// <summary>The duplicate detection window, or null when the entity detects no duplicates.</summary>
    private static TimeSpan? WindowOf(JObject? properties) =>
        properties?["requiresDuplicateDetection"]?.Value<bool>() == true
            ? XmlConvert.ToTimeSpan((string?)properties["duplicateDetectionHistoryTimeWindow"] ?? "PT10M")
            : null;
}
