using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Npvr.Funding.Contracts.PersonalData;

/// <summary>
/// Digesting at the producer (issue 12, point 6): the event's data and actor are serialised, every member marked
/// <see cref="PersonalDataAttribute"/> and a person's actor name are replaced by their salted digests, and the clear
/// values with their salts are returned to travel beside the hashed part (<see cref="EventEnvelope.PersonalData"/>).
/// <see cref="Reveal"/> is the reverse for consumers: each digest whose value travels beside it is put back.
/// </summary>
public static class PersonalDataSeal
{
    private static readonly ConcurrentDictionary<Type, Marked[]> MarkedByType = new();

    public sealed record Sealed(JObject Data, Actor Actor, IReadOnlyList<PersonalValue> Values);

    public static Sealed Seal(object data, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(actor);
        var json = FundingJson.ToJObject(data);
        var values = new List<PersonalValue>();
        foreach (var member in MarkedMembers(data.GetType()))
        {
            // A digest already (an event announced again from a sealed one) has no clear value to carry.
            if (json[member.JsonName] is not JValue { Type: JTokenType.String } slot || PersonalDigest.IsDigest((string?)slot)) continue;
            var objectId = member.Person switch
            {
                null => null,
                PersonalDataAttribute.TheActor => actor.ObjectId,
                var name => ObjectIdOf(data, name),
            };
            values.Add(Replace(slot, JsonPointer.Of("data", member.JsonName), member.Kind, objectId));
        }
        var sealedActor = actor;
        if (actor.IsPerson && !PersonalDigest.IsDigest(actor.Name))
        {
            var slot = new JValue(actor.Name);
            values.Add(Replace(slot, JsonPointer.Of("actor", "name"), PersonalValue.NameKind, actor.ObjectId));
            sealedActor = actor with { Name = (string)slot! };
        }
        if (values.Count > PersonalValue.MaxPerEvent)
            throw new InvalidOperationException($"{data.GetType().Name} carries {values.Count} personal values, more than {PersonalValue.MaxPerEvent}.");
        return new Sealed(json, sealedActor, values);
    }

    /// <summary><paramref name="data"/> with every digest whose clear value travels in <paramref name="values"/> put back (a copy).</summary>
    public static JObject Reveal(JObject data, IReadOnlyList<PersonalValue>? values)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (values is not { Count: > 0 }) return data;
        var root = new JObject { ["data"] = data.DeepClone() };
        foreach (var value in values.Take(PersonalValue.MaxPerEvent))
        {
            if (value.Value is null || !PersonalDigest.IsSalt(value.Salt) || value.Path is null) continue;
            if (JsonPointer.StringAt(root, value.Path) is { } slot && (string?)slot == value.Digest) slot.Value = value.Value;
        }
        return (JObject)root["data"]!;
    }

    /// <summary>The names of <paramref name="type"/>'s members marked personal, as the shared serializer writes them.</summary>
    public static IReadOnlyList<string> PersonalMembersOf(Type type) => [.. MarkedMembers(type).Select(m => m.JsonName)];

    private static PersonalValue Replace(JValue slot, string path, string kind, Guid? objectId)
    {
        var value = (string)slot!;
        var salt = PersonalDigest.NewSalt();
        slot.Value = PersonalDigest.Of(salt, value);
        return new PersonalValue(path, kind, objectId, salt, value);
    }

    private static Guid? ObjectIdOf(object data, string member) =>
        data.GetType().GetProperty(member)?.GetValue(data) switch
        {
            Guid id => id,
            null => null,
            var other => throw new InvalidOperationException($"{data.GetType().Name}.{member} names a person but is a {other.GetType().Name}, not a Guid."),
        };

    private static Marked[] MarkedMembers(Type type) => MarkedByType.GetOrAdd(type, t =>
    {
        if (FundingJson.Serializer.ContractResolver.ResolveContract(t) is not JsonObjectContract contract) return [];
        return [.. contract.Properties
            .Select(p => (Json: p, Attribute: p.UnderlyingName is { } name ? t.GetProperty(name)?.GetCustomAttribute<PersonalDataAttribute>() : null))
            .Where(p => p.Attribute is not null && p.Json.PropertyName is not null)
            .Select(p => new Marked(p.Json.PropertyName!, p.Attribute!.Kind, p.Attribute.Person))];
    });

    private sealed record Marked(string JsonName, string Kind, string? Person);
}
