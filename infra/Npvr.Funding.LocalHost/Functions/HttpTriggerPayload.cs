using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Data.req and Metadata of an HTTP trigger, built as the Functions host builds them (custom-handlers.md 4.0, 4.2;
/// the host's GetRequestAsJObject and the HTTP extension's binding data): the body only when Content-Length &gt; 0,
/// base64 for application/octet-stream and multipart/*; one anonymous identity; Metadata with the body's top-level
/// properties, the query values, the route values and the Query and Headers dictionaries.
/// </summary>
internal static class HttpTriggerPayload
{
    /// <summary>The host's request size limit (100 MB); above it the caller gets 413.</summary>
    public const long MaxBodyBytes = 100L * 1024 * 1024;

    public static async Task<(JObject Request, JObject Metadata)> BuildAsync(HttpContext context)
    {
        var http = context.Request;
        var routeValues = context.GetRouteData().Values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.ToString()!);
        var request = new JObject
        {
            ["Url"] = $"{http.Scheme}://{http.Host}{http.Path}{http.QueryString}",
            ["Method"] = http.Method,
            ["Query"] = JObject.FromObject(http.Query.ToDictionary(q => q.Key, q => q.Value.ToString())),
            ["Headers"] = new JObject(http.Headers.Select(h => new JProperty(h.Key, new JArray(h.Value.Select(v => (object)(v ?? "")).ToArray())))),
        };
        if (routeValues.Count > 0) request["Params"] = JObject.FromObject(routeValues);
        request["Identities"] = AnonymousIdentities();
        byte[]? body = null;
        // The host reads a body only when Content-Length says there is one: a chunked body never reaches the handler.
        if (http.ContentLength > 0)
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
            request["Body"] = FunctionHttpRequest.IsBinary(http.ContentType) ? new JValue(body) : Encoding.UTF8.GetString(body);
        }
        return (request, Metadata(http, routeValues, body));
    }

    /// <summary>What an anonymous caller's HttpContext.User serializes to in the host (its ClaimsIdentity list).</summary>
    private static JArray AnonymousIdentities() =>
        JArray.FromObject(new[] { new ClaimsIdentity() }, new JsonSerializer { ReferenceLoopHandling = ReferenceLoopHandling.Ignore });

    private static JObject Metadata(HttpRequest http, Dictionary<string, string> routeValues, byte[]? body)
    {
        // Later sources overwrite earlier ones under the same name, ignoring case, as in the HTTP extension.
        var data = new Dictionary<string, JToken>(StringComparer.OrdinalIgnoreCase);
        if (body is not null) BindingData.AddJsonProperties(data, Encoding.UTF8.GetString(body));
        foreach (var (key, value) in http.Query.Where(q => !q.Key.Equals("code", StringComparison.OrdinalIgnoreCase)))
            data[key] = BindingData.Encode(value.ToString());
        foreach (var (key, value) in routeValues) data[key] = BindingData.Encode(value);
        data.TryAdd("Query", JObject.FromObject(http.Query.ToDictionary(q => q.Key, q => q.Value.ToString())));
        data.TryAdd("Headers", JObject.FromObject(http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())));
        var metadata = new JObject();
        // Keys ending in "trigger" are the trigger's own value, which the host never repeats in Metadata.
        foreach (var (key, value) in data.Where(d => !d.Key.EndsWith("trigger", StringComparison.OrdinalIgnoreCase))) metadata[key] = value;
        return metadata;
    }
}
