using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Serves one HTTP-triggered function on /api/{route}: builds Data.req and Metadata as the host does
/// (<see cref="HttpTriggerPayload"/>) and renders Outputs.res back to the caller. A failed invocation is a 500 with an
/// empty body, as in Azure; why it failed is in the host's log.
/// </summary>
internal static class HttpTriggerEndpoint
{
    public static async Task HandleAsync(HttpContext context, FunctionDefinition function, Uri handler, HandlerInvoker invoker)
    {
        if (context.Request.ContentLength > HttpTriggerPayload.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var (request, metadata) = await HttpTriggerPayload.BuildAsync(context);
        var data = new JObject { [function.TriggerName] = request };
        var outcome = await invoker.InvokeAsync(function, handler, data, metadata, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        var bindingName = (string?)function.HttpOutput?["name"] ?? "res";
        await WriteResponseAsync(context, outcome.Outputs[bindingName] as JObject);
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
