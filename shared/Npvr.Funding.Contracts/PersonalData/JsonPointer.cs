using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.PersonalData;

/// <summary>
/// RFC 6901 JSON pointers to object members (a personal value sits in a member: "/data/contactEmail", "/actor/name").
/// Array indices are not used by any event and are not followed, so a pointer names one member or nothing.
/// </summary>
public static class JsonPointer
{
    /// <summary>Deeper than this no event nests a member (data is at most a few levels deep).</summary>
    public const int MaxSegments = 8;

    public static string Of(params string[] members) => string.Concat(members.Select(m => "/" + m.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>The member names of <paramref name="pointer"/>, or null when it is not a pointer to a member.</summary>
    public static IReadOnlyList<string>? Segments(string? pointer)
    {
        if (pointer is not { Length: > 1 } || pointer[0] != '/') return null;
        var segments = pointer[1..].Split('/');
        if (segments.Length > MaxSegments) return null;
        var names = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            // "~" must start "~0" or "~1"; anything else is not RFC 6901.
            var rest = segment.Replace("~0", "", StringComparison.Ordinal).Replace("~1", "", StringComparison.Ordinal);
            if (rest.Contains('~', StringComparison.Ordinal)) return null;
            names.Add(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return names;
    }

    /// <summary>The string the pointer names in <paramref name="root"/>, or null (no such member, or not a string).</summary>
    public static string? StringAt(JsonElement root, string pointer)
    {
        if (Segments(pointer) is not { } names) return null;
        var current = root;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    /// <summary>The string value the pointer names in <paramref name="root"/> (a Newtonsoft tree), or null.</summary>
    public static JValue? StringAt(JObject root, string pointer)
    {
        if (Segments(pointer) is not { } names) return null;
        JToken? current = root;
        foreach (var name in names)
        {
            if (current is not JObject obj || !obj.TryGetValue(name, StringComparison.Ordinal, out current)) return null;
        }
        return current is JValue { Type: JTokenType.String } value ? value : null;
    }
}
