using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Binding data values as the host puts them into Metadata (custom-handlers.md 4.0): strings double-encoded, and a
/// JSON object body's top-level properties added (objects as objects, other values as strings, arrays and nulls left
/// out), parsed with Newtonsoft's defaults as the WebJobs Utility.ApplyBindingData does.
/// </summary>
internal static class BindingData
{
    public static string Encode(object? value) => JsonConvert.SerializeObject(value);

    public static void AddJsonProperties(IDictionary<string, JToken> data, string body)
    {
        var trimmed = body.Trim();
        if (!(trimmed.StartsWith('{') && trimmed.EndsWith('}'))) return;
        JObject parsed;
        try
        {
            parsed = JObject.Parse(trimmed);
        }
        catch (JsonException)
        {
            return; // the host ignores a body it cannot parse
        }
        foreach (var property in parsed.Properties().Where(p => p.Value.Type != JTokenType.Array))
        {
            if (property.Value is JObject nested) data[property.Name] = nested;
            else if ((string?)property.Value is { } text) data[property.Name] = Encode(text);
        }
    }
}
