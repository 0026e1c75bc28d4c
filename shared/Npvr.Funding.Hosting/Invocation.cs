using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Hosting;

/// <summary>One invocation request from the Functions host in payload mode: <c>{"Data": {...}, "Metadata": {...}}</c>.</summary>
public sealed class Invocation
{
    public Invocation(string functionName, JObject payload, string? invocationId)
    {
        FunctionName = functionName;
        Data = payload["Data"] as JObject ?? [];
        Metadata = payload["Metadata"] as JObject ?? [];
        InvocationId = string.IsNullOrEmpty(invocationId) ? Guid.NewGuid().ToString() : invocationId;
    }

    public string FunctionName { get; }
    public JObject Data { get; }
    public JObject Metadata { get; }
    public string InvocationId { get; }

    public FunctionHttpRequest HttpRequest(string bindingName = "req") =>
        Data[bindingName] is JObject request
            ? FunctionHttpRequest.From(request)
            : throw new InvalidOperationException($"Invocation of {FunctionName} has no HTTP request named '{bindingName}'.");

    /// <summary>The Service Bus message body, unwrapped from the host's string encoding.</summary>
    public string MessageBody(string bindingName) =>
        HostValues.UnwrapString(Data[bindingName])
        ?? throw new InvalidOperationException($"Invocation of {FunctionName} has no message named '{bindingName}'.");

    /// <summary>Beware: top-level properties of a JSON message body are merged into Metadata by the host and can shadow these.</summary>
    public int DeliveryCount => (int)(HostValues.ReadInteger(Metadata["DeliveryCount"]) ?? 1);

    public string? MessageId => HostValues.UnwrapString(Metadata["MessageId"]);
}
