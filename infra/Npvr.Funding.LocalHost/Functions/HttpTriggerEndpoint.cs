using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Serves one HTTP-triggered function on /api/{route}: builds Data.req as the host does (custom-handlers.md 4.2)
/// and renders Outputs.res back to the caller. A failed invocation is a 500, as in Azure.
/// </summary>
internal static class HttpTriggerEndpoint
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, FunctionDefinition function, Uri handler, HandlerInvoker invoker)
    {
        var request = await RequestObjectAsync(context);
        if (request is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var metadata = new JObject();
        foreach (var (key, value) in context.GetRouteData().Values) metadata[key] = value?.ToString();
        var data = new JObject { [function.TriggerName] = request };
        var outcome = await invoker.InvokeAsync(function, handler, data, metadata, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync($"Function {function.Name} failed: {outcome.FailureDescription}", context.RequestAborted);
            return;
        }
        var bindingName = (string?)function.HttpOutput?["name"] ?? "res";
        await WriteResponseAsync(context, outcome.Outputs[bindingName] as JObject);
    }

    private static async Task<JObject?> RequestObjectAsync(HttpContext context)
    {
        var http = context.Request;
        var query = new JObject();
        foreach (var (key, values) in http.Query) query[key] = values.ToString();
        var headers = new JObject();
        foreach (var (key, values) in http.Headers) headers[key] = new JArray(values.Select(v => (object)(v ?? "")).ToArray());
        var routeParams = new JObject();
        foreach (var (key, value) in context.GetRouteData().Values) routeParams[key] = value?.ToString();
        var request = new JObject
        {
            ["Url"] = $"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}{http.QueryString}",
            ["Method"] = http.Method,
            ["Query"] = query,
            ["Headers"] = headers,
            ["Params"] = routeParams,
            ["Identities"] = new JArray(),
        };
        if (http.ContentLength > MaxBodyBytes) return null;
        using var reader = new StreamReader(http.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        // The host only sends Body when there is one.
        if (body.Length > 0) request["Body"] = body;
        return request;
    }

    private static async Task WriteResponseAsync(HttpContext context, JObject? res)
    {
        if (res is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        var status = res["statusCode"] ?? res["StatusCode"] ?? res["status"];
        context.Response.StatusCode = status is null ? 200 : int.Parse(status.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        foreach (var header in (res["headers"] as JObject ?? []).Properties())
        {
            if (header.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) context.Response.ContentType = header.Value.ToString();
            else context.Response.Headers[header.Name] = header.Value.ToString();
        }
        var body = res["body"];
        var text = body is null ? "" : body.Type == JTokenType.String ? (string)body! : body.ToString();
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
