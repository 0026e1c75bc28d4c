using Newtonsoft.Json;

namespace Npvr.Funding.Hosting;

/// <summary>
/// The payload-mode answer to the host: <c>{"Outputs": {...}, "Logs": [...], "ReturnValue": null}</c>.
/// Service Bus outputs are always arrays of strings: the host would base64-decode a bare string that happens to parse.
/// </summary>
public sealed class InvocationResult
{
    [JsonProperty("Outputs")]
    public Dictionary<string, object> Outputs { get; } = new(StringComparer.Ordinal);

    [JsonProperty("Logs")]
    public List<string> Logs { get; } = [];

    [JsonProperty("ReturnValue")]
    public object? ReturnValue => null;

    public InvocationResult WithHttp(HttpResult result, string bindingName = "res")
    {
        var headers = new Dictionary<string, string>(result.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = result.ContentType,
        };
        Outputs[bindingName] = new Dictionary<string, object>
        {
            ["statusCode"] = result.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["body"] = result.Body,
            ["headers"] = headers,
        };
        return this;
    }

    public InvocationResult WithMessages(string bindingName, IReadOnlyCollection<string> messages)
    {
        if (messages.Count > 0) Outputs[bindingName] = messages.ToArray();
        return this;
    }

    public InvocationResult Log(string line)
    {
        Logs.Add(line);
        return this;
    }
}
