using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Calls a handler the way the Functions host does in payload mode (custom-handlers.md sections 4 and 5):
/// POST /{FunctionName} with {Data, Metadata}; a non-2xx answer fails the invocation and writes no outputs;
/// otherwise Service Bus outputs are sent with ServiceBusSender before the invocation counts as done.
/// </summary>
public sealed class HandlerInvoker(HttpClient http, ServiceBusOutputs serviceBus, HostFaults faults, ILogger logger)
{
    public const string HostVersion = "4.0.0-local";

    public async Task<InvocationOutcome> InvokeAsync(FunctionDefinition function, Uri handler, JObject data, JObject metadata, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        metadata["sys"] = new JObject
        {
            ["MethodName"] = function.Name,
            ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var payload = new JObject { ["Data"] = data, ["Metadata"] = metadata };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handler, function.Name));
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        request.Content = new StringContent(payload.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            return Fail(function, invocationId, $"Handler answered {(int)response.StatusCode}: {text}");
        if (FundingJson.Parse(text) is not JObject result)
            return Fail(function, invocationId, "Invalid HttpResponseMessage: the handler's answer is not a JSON object.");
        if (faults.TakeDroppedReply(function.Name))
            return Fail(function, invocationId, "Fault injected: the handler crashed after its write and before its reply.");
        foreach (var line in (result["Logs"] as JArray ?? []).Take(100))
            logger.LogInformation("{Function} [{InvocationId}] {Line}", function.Name, invocationId, (string?)line);
        var outputs = result["Outputs"] as JObject ?? [];
        try
        {
            await SendServiceBusOutputsAsync(function, outputs, cancellationToken);
        }
        catch (ServiceBusException ex)
        {
            // As in Azure: an output binding that cannot be written fails the invocation.
            return Fail(function, invocationId, $"Service Bus output failed ({ex.Reason}): {ex.Message}");
        }
        return new InvocationOutcome(true, outputs, null);
    }

    private async Task SendServiceBusOutputsAsync(FunctionDefinition function, JObject outputs, CancellationToken cancellationToken)
    {
        foreach (var (binding, entity) in function.ServiceBusOutputs)
            await serviceBus.SendAsync(entity, [.. OutputMessages.Bodies(outputs[binding])], cancellationToken);
    }

    private InvocationOutcome Fail(FunctionDefinition function, string invocationId, string description)
    {
        logger.LogWarning("{Function} [{InvocationId}] failed: {Description}", function.Name, invocationId, description);
        return InvocationOutcome.Failed(description);
    }
}
