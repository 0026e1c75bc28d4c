using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>The <c>Data.req</c> object the host sends for an HTTP trigger (custom-handlers.md section 4.2).</summary>
public sealed class FunctionHttpRequest
{
    private FunctionHttpRequest(string method, string url, IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string[]> headers, IReadOnlyDictionary<string, string> routeValues, byte[]? bodyBytes)
    {
        Method = method;
        Url = url;
        Query = query;
        Headers = headers;
        RouteValues = routeValues;
        BodyBytes = bodyBytes;
        Body = bodyBytes is null ? null : Encoding.UTF8.GetString(bodyBytes);
    }

    public string Method { get; }
    public string Url { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    public IReadOnlyDictionary<string, string[]> Headers { get; }
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>The body as UTF-8 text (null when the host sent none: no body, or one without Content-Length).</summary>
    public string? Body { get; }

    /// <summary>The body's bytes, as the caller sent them.</summary>
    public IReadOnlyList<byte>? BodyBytes { get; }

    public static FunctionHttpRequest From(JObject request)
    {
        var headers = ReadHeaders(request["Headers"]);
        return new FunctionHttpRequest(
            Text(request["Method"]) ?? "GET",
            Text(request["Url"]) ?? "",
            ReadStringMap(request["Query"], StringComparer.OrdinalIgnoreCase),
            headers,
            ReadStringMap(request["Params"], StringComparer.OrdinalIgnoreCase),
            ReadBody(request["Body"], headers));
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Route(string name) => RouteValues.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"The route has no parameter '{name}'; check function.json.");

    /// <summary>
    /// The host sends the body as text, except for application/octet-stream and multipart/* content, which it sends
    /// base64-encoded (custom-handlers.md 4.2). Anything else in that field for a binary content type is a host fault.
    /// </summary>
    private static byte[]? ReadBody(JToken? token, IReadOnlyDictionary<string, string[]> headers)
    {
        if (Text(token) is not { } text) return null;
        if (!IsBinary(headers.TryGetValue("Content-Type", out var values) && values.Length > 0 ? values[0] : null))
            return Encoding.UTF8.GetBytes(text);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("The host sent a binary request body that is not base64.", e);
        }
    }

    /// <summary>The content types the host base64-encodes: application/octet-stream and multipart/*.</summary>
    public static bool IsBinary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.MediaType is { } name
        && (name.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) || name.Contains("multipart/", StringComparison.OrdinalIgnoreCase));

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
