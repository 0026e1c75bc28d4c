using System.Text;
using System.Text.Json;

namespace Npvr.Funding.Contracts;

/// <summary>
/// What an HTTP body must be before anything reads it: RFC 8259 JSON exactly (no comments, single quotes, unquoted
/// names, trailing commas or trailing content), valid UTF-8 without lone surrogates, at most <see cref="MaxDepth"/>
/// deep, and no property named twice in one object (last-wins would let two readers disagree). Checked with
/// System.Text.Json's reader, which is strict by default; Newtonsoft's reader then maps the checked text.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 32;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when <paramref name="text"/> is strict JSON; otherwise a sentence saying what is wrong (never the input itself).</summary>
    public static string? Problem(string text)
    {
        // The host decodes the body before the handler sees it: a replacement character is what invalid UTF-8 left behind.
        if (text.Contains('\uFFFD', StringComparison.Ordinal)) return "The body is not valid UTF-8.";
        byte[] bytes;
        try
        {
            bytes = Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return "The body holds a lone surrogate: it is not valid UTF-8.";
        }
        return Scan(bytes);
    }

    private static string? Scan(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var names = new Stack<HashSet<string>>();
        try
        {
            // Each Read consumes input, so the loop ends with the bytes.
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName when !names.Peek().Add(reader.GetString()!):
                        return $"A property is named twice in one object (at byte {reader.TokenStartIndex}).";
                    case JsonTokenType.String:
                        _ = reader.GetString(); // throws on an escaped lone surrogate
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return $"The body is not strict JSON (RFC 8259): line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.";
        }
        catch (InvalidOperationException)
        {
            return "The body holds an escaped lone surrogate: it is not valid Unicode text.";
        }
        return null;
    }
}
