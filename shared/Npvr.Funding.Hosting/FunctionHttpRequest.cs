using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>The <c>Data.req</c> object the host sends for an HTTP trigger (custom-handlers.md section 4.2).</summary>
public sealed class FunctionHttpRequest
{
    private FunctionHttpRequest(string method, string url, IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string[]> headers, IReadOnlyDictionary<string, string> routeValues, string? body)
    {
        Method = method;
        Url = url;
        Query = query;
        Headers = headers;
        RouteValues = routeValues;
        Body = body;
    }

    public string Method { get; }
    public string Url { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    public IReadOnlyDictionary<string, string[]> Headers { get; }
    public IReadOnlyDictionary<string, string> RouteValues { get; }
    public string? Body { get; }

    public static FunctionHttpRequest From(JObject request) => new(
        Text(request["Method"]) ?? "GET",
        Text(request["Url"]) ?? "",
        ReadStringMap(request["Query"], StringComparer.OrdinalIgnoreCase),
        ReadHeaders(request["Headers"]),
        ReadStringMap(request["Params"], StringComparer.OrdinalIgnoreCase),
        Text(request["Body"]));

    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Route(string name) => RouteValues.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"The route has no parameter '{name}'; check function.json.");

    /// <summary>Query and Params arrive as objects, or (docs, older hosts) as a JSON string such as "{}".</summary>
    private static Dictionary<string, string> ReadStringMap(JToken? token, StringComparer comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        if (token?.Type == JTokenType.String) token = FundingJson.Parse(HostValues.UnwrapString(token) ?? "{}");
        if (token is not JObject obj) return map;
        foreach (var property in obj.Properties().Take(256))
            map[property.Name] = Text(property.Value) ?? "";
        return map;
    }

    private static Dictionary<string, string[]> ReadHeaders(JToken? token)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (token is not JObject obj) return headers;
        foreach (var property in obj.Properties().Take(256))
        {
            headers[property.Name] = property.Value is JArray values
                ? values.Select(v => Text(v) ?? "").ToArray()
                : [Text(property.Value) ?? ""];
        }
        return headers;
    }

    /// <summary>
    /// Fields inside the request object are the caller's text, encoded once with the object (only top-level binding
    /// values are double-encoded): never unwrapped, so a quoted ETag, a JSON string body or a quoted CSV arrive as sent.
    /// </summary>
    private static string? Text(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null or JTokenType.Undefined } => null,
        { Type: JTokenType.String } => (string?)token,
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };
}
