using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>One function as its function.json declares it.</summary>
public sealed record FunctionDefinition(string AppName, string Name, JObject Trigger, IReadOnlyList<JObject> Outputs)
{
    public string TriggerType => (string?)Trigger["type"] ?? "";
    public string TriggerName => (string?)Trigger["name"] ?? "";

    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
    public bool IsServiceBus => TriggerType.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase);
    public bool IsTimer => TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The route without the "api/" prefix; Functions defaults it to the function name.</summary>
    public string Route => (string?)Trigger["route"] ?? Name;

    /// <summary>A route of one catch-all parameter (the apps' unmatched-route function): the lowest-priority route.</summary>
    public bool IsCatchAll => IsHttp && Route.StartsWith("{*", StringComparison.Ordinal) && Route.EndsWith('}') && !Route.Contains('/', StringComparison.Ordinal);

    public IReadOnlyList<string> Methods =>
        Trigger["methods"] is JArray methods ? methods.Select(m => ((string?)m ?? "").ToUpperInvariant()).ToList() : ["GET", "POST", "PUT", "DELETE", "PATCH"];

    /// <summary>Service Bus entity path as Service Bus names it: "queue" or "topic/Subscriptions/subscription".</summary>
    public string TriggerEntityPath => (string?)Trigger["queueName"]
        ?? $"{(string?)Trigger["topicName"]}/Subscriptions/{(string?)Trigger["subscriptionName"]}";

    public string Schedule => (string?)Trigger["schedule"] ?? throw new InvalidOperationException($"Timer function {Name} has no schedule.");

    public JObject? HttpOutput => Outputs.FirstOrDefault(o => ((string?)o["type"])?.Equals("http", StringComparison.OrdinalIgnoreCase) == true);

    public IEnumerable<(string Binding, string Entity)> ServiceBusOutputs => Outputs
        .Where(o => ((string?)o["type"])?.Equals("serviceBus", StringComparison.OrdinalIgnoreCase) == true)
        .Select(o => ((string?)o["name"] ?? "", (string?)o["queueName"] ?? (string?)o["topicName"] ?? ""));
}
