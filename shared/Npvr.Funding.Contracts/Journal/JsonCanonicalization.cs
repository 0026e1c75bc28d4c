using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// RFC 8785 (JSON Canonicalization Scheme): one text per JSON value, so a hash over it does not depend on the
/// serializer that wrote the value. Object members sorted by the UTF-16 code units of their names, no whitespace,
/// strings with only the escapes ECMAScript's JSON.stringify writes, numbers as ECMAScript writes an IEEE double.
/// The input must be strict JSON (<see cref="StrictJson"/>: no duplicate names, no lone surrogates). Every member is
/// kept, also those no type of this code knows. docs/journal-vectors.json holds the published test vectors.
/// </summary>
public static class JsonCanonicalization
{
    /// <summary>Integers beyond ±2^53 cannot be held exactly by a double: refused rather than silently rounded.</summary>
    public const long MaxExactInteger = 9_007_199_254_740_992;

    /// <summary>The canonical text of <paramref name="json"/>; <see cref="FormatException"/> when it is not strict JSON or holds a number a double cannot hold.</summary>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (StrictJson.Problem(json) is { } problem) throw new FormatException(problem);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = StrictJson.MaxDepth });
        var text = new StringBuilder(json.Length);
        Write(text, document.RootElement);
        return text.ToString();
    }

    /// <summary>
    /// The canonical text of the JSON object <paramref name="json"/> without its top-level member
    /// <paramref name="memberName"/>, and that member's own canonical text (null when absent): how the journal leaves an
    /// envelope's personal data out of what it hashes. <see cref="FormatException"/> as <see cref="Canonicalize"/>, or
    /// when the value is not an object.
    /// </summary>
    public static (string Without, string? Member) CanonicalizeWithout(string json, string memberName)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (StrictJson.Problem(json) is { } problem) throw new FormatException(problem);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = StrictJson.MaxDepth });
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("The JSON value is not an object.");
        var members = document.RootElement.EnumerateObject().ToList();
        var without = new StringBuilder(json.Length);
        WriteObject(without, members.Where(m => m.Name != memberName));
        // StrictJson refused duplicate names, so the member is there once or not at all.
        var index = members.FindIndex(m => m.Name == memberName);
        if (index < 0) return (without.ToString(), null);
        var member = new StringBuilder();
        Write(member, members[index].Value);
        return (without.ToString(), member.ToString());
    }

    /// <summary>Whether <paramref name="text"/> is already the canonical text of the value it holds, byte for byte.</summary>
    public static bool IsCanonical(string text)
    {
        try
        {
            return string.Equals(Canonicalize(text), text, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Write(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(text, element.EnumerateObject());
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0) text.Append(',');
                    Write(text, item);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, element.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(NumberText(element.GetRawText()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new FormatException($"A JSON value of kind {element.ValueKind} has no canonical form.");
        }
    }

    private static void WriteObject(StringBuilder text, IEnumerable<JsonProperty> members)
    {
        text.Append('{');
        var first = true;
        // Ordinal comparison of .NET strings is comparison of UTF-16 code units, as RFC 8785 section 3.2.3 asks.
        foreach (var member in members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (!first) text.Append(',');
            first = false;
            WriteString(text, member.Name);
            text.Append(':');
            Write(text, member.Value);
        }
        text.Append('}');
    }

    private static string NumberText(string raw)
    {
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new FormatException("A JSON number is too large for an IEEE double.");
        // Written as an integer, it must be one a double holds exactly (9007199254740993 would read as ...992).
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && BigInteger.Abs(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)) > MaxExactInteger)
            throw new FormatException("A JSON integer beyond 2^53 cannot be held exactly; send it as a string.");
        return EcmaNumber.Format(value);
    }

    /// <summary>RFC 8785 section 3.2.2.2: the two-character escapes, \u00xx (lower-case) for other controls, everything else as is.</summary>
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
