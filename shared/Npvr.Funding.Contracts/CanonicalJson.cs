using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts;

/// <summary>
/// One byte-exact text per JSON value: object keys sorted ordinally at every depth, no whitespace.
/// Hashes are taken over this text, so re-serialising a stored entry reproduces its hash.
/// </summary>
public static class CanonicalJson
{
    public static string Write(JToken token)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var writer = new JsonTextWriter(text) { Formatting = Formatting.None, DateFormatHandling = DateFormatHandling.IsoDateFormat };
        WriteToken(writer, token, depth: 0);
        writer.Flush();
        return text.ToString();
    }

    private static void WriteToken(JsonWriter writer, JToken token, int depth)
    {
        if (depth > 64) throw new InvalidOperationException("JSON nested deeper than 64 levels cannot be canonicalised.");
        switch (token)
        {
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteToken(writer, property.Value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array) WriteToken(writer, item, depth + 1);
                writer.WriteEndArray();
                break;
            default:
                token.WriteTo(writer);
                break;
        }
    }
}
