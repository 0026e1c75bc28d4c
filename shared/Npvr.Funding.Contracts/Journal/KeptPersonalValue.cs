using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// A person's value as the journal keeps it beside an entry, never inside what was hashed (issue 12, point 6): the
/// pointer to its digest in the entry's content, its kind, the person's object id when known, and the salt and clear
/// value until they are erased (<see cref="Erased"/>; salt and value are then gone, the digest in the content stays).
/// </summary>
public sealed record KeptPersonalValue(string Path, string Kind, Guid? ObjectId, string? Salt, string? Value, PersonalErasure? Erased)
{
    /// <summary>Longest pointer accepted ("/data/contactEmail" is 18).</summary>
    public const int MaxPathLength = 200;

    public static KeptPersonalValue From(PersonalValue value) => new(value.Path, value.Kind, value.ObjectId, value.Salt, value.Value, null);

    [JsonIgnore]
    public IReadOnlyList<string> SubjectKeys => PersonalSubject.KeysOf(Kind, ObjectId, Value);

    public KeptPersonalValue Erase(PersonalErasure erasure) => this with { Salt = null, Value = null, Erased = erasure };

    /// <summary>As GET /audit/regions/{regionId}/journal serves it, with the digest its content holds at <see cref="Path"/>.</summary>
    public JObject ToServed(string? digest) => new()
    {
        ["path"] = Path,
        ["kind"] = Kind,
        ["objectId"] = ObjectId?.ToString("D"),
        ["digest"] = digest,
        ["salt"] = Salt,
        ["value"] = Value,
        ["erased"] = Erased is { } e ? new JObject { ["erasureId"] = e.ErasureId, ["erasedAt"] = e.ErasedAt.ToUniversalTime().ToString(UtcTimestampJsonConverter.Format, CultureInfo.InvariantCulture) } : null,
    };

    /// <summary>A served item read back (an auditor's export); <see cref="FormatException"/> when it is not one.</summary>
    public static (KeptPersonalValue Value, string? Digest) FromServed(JToken token)
    {
        if (token is not JObject o) throw new FormatException("a personal value is not an object");
        var erased = o["erased"] switch
        {
            null or { Type: JTokenType.Null } => null,
            JObject e => new PersonalErasure(Text(e, "erasureId") ?? throw new FormatException("an erasure has no erasureId"),
                DateTimeOffset.Parse(Text(e, "erasedAt") ?? throw new FormatException("an erasure has no erasedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)),
            _ => throw new FormatException("erased is neither null nor an object"),
        };
        var objectId = Text(o, "objectId") is { } id ? Guid.TryParseExact(id, "D", out var g) ? g : throw new FormatException("objectId is not a GUID") : (Guid?)null;
        var value = new KeptPersonalValue(Text(o, "path") ?? throw new FormatException("a personal value has no path"),
            Text(o, "kind") ?? throw new FormatException("a personal value has no kind"), objectId, Text(o, "salt"), Text(o, "value"), erased);
        return (value, Text(o, "digest"));
    }

    private static string? Text(JObject o, string name) => o[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.String } s => (string)s!,
        _ => throw new FormatException($"{name} is not a string"),
    };
}

/// <summary>Which erasure removed a value, and when (the journal also holds a PersonalDataErased entry naming it).</summary>
public sealed record PersonalErasure(string ErasureId, DateTimeOffset ErasedAt);
