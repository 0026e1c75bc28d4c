using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// How the journal takes an envelope in (format 2 as amended for issue 12, point 6): the RFC 8785 text of the envelope
/// exactly as received, every member kept except <see cref="EventEnvelope.PersonalDataMember"/>, is the content that is
/// hashed; the personal values that member carried are kept beside the entry, each checked against the digest the
/// content holds for it. Only the producer ever had a choice of what is hashed; the journal decides nothing.
/// </summary>
public static class ReceivedEnvelope
{
    /// <summary><see cref="FormatException"/> when the text has no canonical form or its personal data does not agree with it.</summary>
    public static (string Content, IReadOnlyList<KeptPersonalValue> PersonalData) Split(string json)
    {
        var (content, member) = JsonCanonicalization.CanonicalizeWithout(json, EventEnvelope.PersonalDataMember);
        if (member is null or "null") return (content, []);
        var values = Read(member);
        if (PersonalDataCheck.Problem(content, values) is { } problem) throw new FormatException($"The envelope's personal data does not agree with it: {problem}.");
        return (content, values);
    }

    private static List<KeptPersonalValue> Read(string member)
    {
        if (FundingJson.Parse(member) is not JArray items) throw new FormatException("personalData is not an array.");
        if (items.Count > PersonalValue.MaxPerEvent) throw new FormatException($"personalData holds more than {PersonalValue.MaxPerEvent} values.");
        var values = new List<KeptPersonalValue>(items.Count);
        foreach (var item in items)
        {
            if (item is not JObject o || o.Properties().Any(p => p.Name is not ("path" or "kind" or "objectId" or "salt" or "value")))
                throw new FormatException("A personalData item is not an object of path, kind, objectId, salt and value.");
            var objectId = o["objectId"] switch
            {
                null or { Type: JTokenType.Null } => (Guid?)null,
                JValue { Type: JTokenType.String } id when Guid.TryParseExact((string?)id, "D", out var g) => g,
                _ => throw new FormatException("A personalData item's objectId is not a GUID."),
            };
            var value = Text(o, "value");
            if (value.Length > PersonalDigest.MaxValueLength) throw new FormatException($"A personal value is longer than {PersonalDigest.MaxValueLength} characters.");
            values.Add(new KeptPersonalValue(Text(o, "path"), Text(o, "kind"), objectId, Text(o, "salt"), value, null));
        }
        return values;
    }

    /// <summary>Exactly a string: a number or boolean is not coerced into one.</summary>
    private static string Text(JObject item, string name) =>
        item[name] is JValue { Type: JTokenType.String } text ? (string)text! : throw new FormatException($"A personalData item's {name} is not a string.");
}
