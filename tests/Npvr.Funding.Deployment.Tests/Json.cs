using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Deployment.Tests;

internal static class Json
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
    };

    /// <summary>Reads a JSON (or JSON with comments) object; strings stay strings (no date parsing).</summary>
    public static JObject ReadObject(string path) => ParseObject(File.ReadAllText(path), path);

    public static JObject ParseObject(string text, string what)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        try
        {
            return JObject.Load(reader, LoadSettings);
        }
        catch (JsonReaderException e)
        {
            throw new InvalidDataException($"{what} is not a JSON object: {e.Message}", e);
        }
    }

    /// <summary>A string property, matched case-insensitively as the Functions host does.</summary>
    public static string? Str(JObject obj, string name) =>
        obj.GetValue(name, StringComparison.OrdinalIgnoreCase) is { Type: JTokenType.String } token
            ? token.Value<string>()
            : null;

    public static IReadOnlyList<string> Strings(JToken? token) =>
        token is JArray array ? array.Select(t => t.Value<string>() ?? string.Empty).ToList() : [];
}
