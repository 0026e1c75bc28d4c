namespace Npvr.Funding.LocalHost.Broker;

/// <summary>A queue of the topology.</summary>
public sealed record QueueDefinition(string Name, EntitySettings Settings);

/// <summary>A subscription of a topic; its entity path is "topic/Subscriptions/name".</summary>
public sealed record SubscriptionDefinition(string Name, EntitySettings Settings);

/// <summary>A topic and its subscriptions.</summary>
public sealed record TopicDefinition(string Name, EntitySettings Settings, IReadOnlyList<SubscriptionDefinition> Subscriptions);

/// <summary>
/// The Service Bus entities of the system as read from infra/topology.json (the file Bicep also deploys from).
/// </summary>
public sealed record BrokerTopology(IReadOnlyList<QueueDefinition> Queues, IReadOnlyList<TopicDefinition> Topics)
{
    /// <summary>Reads a topology file; see <see cref="Parse"/>.</summary>
    public static BrokerTopology Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return TopologyReader.Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Parses topology JSON: top-level "queues" and "topics" arrays, each entity with "name" and an optional ARM
    /// "properties" object. Unknown properties, "$comment" and extra fields are ignored.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed or a known property has a wrong value.</exception>
    public static BrokerTopology Parse(string json) => TopologyReader.Parse(json, "topology");

    /// <summary>Builds a subscription's entity path in Service Bus's own format.</summary>
    public static string SubscriptionPath(string topicName, string subscriptionName) =>
        $"{topicName}/Subscriptions/{subscriptionName}";
}
