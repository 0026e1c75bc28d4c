using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>What the host made of one invocation.</summary>
public sealed record InvocationOutcome(bool Succeeded, JObject Outputs, string? FailureDescription)
{
    public static InvocationOutcome Success { get; } = new(true, [], null);

    public static InvocationOutcome Failed(string description) => new(false, [], description);
}
