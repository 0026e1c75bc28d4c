using System.Buffers;
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

    /// <summary>
    /// Whether <paramref name="text"/> is already the canonical text of the value it holds, byte for byte: the same
    /// answer as comparing it with <see cref="Canonicalize"/>'s text, found in one pass over its UTF-8 without writing
    /// the canonical text (the offline verifier asks this of every entry). Canonical text has no whitespace, names in
    /// strictly ascending UTF-16 order (ascending and never repeated), and strings and numbers exactly as written here.
    /// </summary>
    public static bool IsCanonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // StrictJson's rules, as Canonicalize applies them: a replacement character or a lone surrogate is refused.
        if (text.Contains('\uFFFD', StringComparison.Ordinal)) return false;
        var rented = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(text.Length));
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetBytes(text, rented);
            }
            catch (EncoderFallbackException)
            {
                return false;
            }
            return IsCanonicalUtf8(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsCanonicalUtf8(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = StrictJson.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        // The last name read in each open object, by depth: the next one must sort after it.
        var lastNames = new string?[StrictJson.MaxDepth + 2];
        var previous = JsonTokenType.None;
        long end = 0;
        try
        {
            // Each Read consumes input, so the loop ends with the bytes.
            while (reader.Read())
            {
                var token = reader.TokenType;
                // No whitespace: each token starts where the last ended, after the one ',' or ':' the grammar puts between them.
                if (reader.TokenStartIndex != end + (SeparatorBetween(previous, token) ? 1 : 0)) return false;
                switch (token)
                {
                    case JsonTokenType.StartObject:
                        lastNames[reader.CurrentDepth + 1] = null;
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (lastNames[reader.CurrentDepth] is { } before && string.CompareOrdinal(before, name) >= 0) return false;
                        lastNames[reader.CurrentDepth] = name;
                        if (!StringIsCanonical(ref reader, name)) return false;
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && !StringIsCanonical(ref reader, reader.GetString()!)) return false;
                        break;
                    case JsonTokenType.Number:
                        var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                        if (!string.Equals(NumberText(raw), raw, StringComparison.Ordinal)) return false;
                        break;
                }
                end = reader.TokenStartIndex + TokenLength(ref reader);
                previous = token;
            }
            return previous != JsonTokenType.None && end == utf8.Length;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // an escaped lone surrogate: StrictJson refuses it
        }
        catch (FormatException)
        {
            return false; // a number no double holds exactly
        }
    }

    /// <summary>A ':' follows a name; a ',' follows a value when another value, not the end of its container, comes next.</summary>
    private static bool SeparatorBetween(JsonTokenType previous, JsonTokenType next) =>
        previous == JsonTokenType.PropertyName
        || (previous is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                or JsonTokenType.EndObject or JsonTokenType.EndArray
            && next is not (JsonTokenType.EndObject or JsonTokenType.EndArray));

    private static int TokenLength(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => reader.ValueSpan.Length + 2, // the quotes
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.ValueSpan.Length,
        _ => 1,
    };

    /// <summary>Text without escapes is as WriteString writes it (JSON forbids raw controls); with escapes, they must be WriteString's.</summary>
    private static bool StringIsCanonical(ref Utf8JsonReader reader, string value)
    {
        if (!reader.ValueIsEscaped) return true;
        var canonical = new StringBuilder(value.Length + 2);
        WriteString(canonical, value);
        return string.Equals(canonical.ToString(1, canonical.Length - 2), Encoding.UTF8.GetString(reader.ValueSpan), StringComparison.Ordinal);
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
