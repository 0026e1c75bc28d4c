using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Deployment.Tests;

internal sealed record TopologyEntity(
    Entity Entity,
    JObject Properties,
    IReadOnlyList<string> Senders,
    IReadOnlyList<string> Receivers);

/// <summary>infra/topology.json: the entities, their ARM properties and their access lists.</summary>
internal sealed class Topology
{
    private Topology(IReadOnlyList<TopologyEntity> entities) => Entities = entities;

    public IReadOnlyList<TopologyEntity> Entities { get; }

    public static string FilePath => Repo.PathTo("infra", "topology.json");

    public static Topology Load()
    {
        var root = Json.ReadObject(FilePath);
        var entities = new List<TopologyEntity>();
        foreach (var topic in Items(root["topics"]))
        {
            var topicName = Name(topic);
            entities.Add(Read(new Entity(EntityKind.Topic, topicName), topic));
            entities.AddRange(Items(topic["subscriptions"])
                .Select(s => Read(new Entity(EntityKind.Subscription, $"{topicName}/{Name(s)}"), s)));
        }

        entities.AddRange(Items(root["queues"]).Select(q => Read(new Entity(EntityKind.Queue, Name(q)), q)));
        return new Topology(entities);
    }

    public TopologyEntity? Find(Entity entity) => Entities.FirstOrDefault(e => e.Entity == entity);

    /// <summary>The uses that the access lists grant to one app.</summary>
    public IReadOnlySet<EntityUse> UsesGrantedTo(string app) =>
        Entities.SelectMany(e =>
                (e.Senders.Contains(app, StringComparer.OrdinalIgnoreCase) ? [new EntityUse(e.Entity, Access.Send)] : Array.Empty<EntityUse>())
                .Concat(e.Receivers.Contains(app, StringComparer.OrdinalIgnoreCase) ? [new EntityUse(e.Entity, Access.Receive)] : Array.Empty<EntityUse>()))
            .ToHashSet();

    private static IEnumerable<JObject> Items(JToken? token) => (token as JArray)?.OfType<JObject>() ?? [];

    private static string Name(JObject item) =>
        Json.Str(item, "name") ?? throw new InvalidDataException($"{FilePath}: an entity without a name: {item}");

    private static TopologyEntity Read(Entity entity, JObject item) =>
        new(
            entity,
            item["properties"] as JObject ?? [],
            Json.Strings(item.SelectToken("access.send")),
            Json.Strings(item.SelectToken("access.receive")));
}
