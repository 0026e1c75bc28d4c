namespace Npvr.Funding.Storage;

/// <summary>Which of the app's tables hold event rows, and the binding names its outbox functions use.</summary>
public sealed record OutboxOptions(IReadOnlyList<string> Tables)
{
    /// <summary>Output binding (queue) that carries notices to the relay; declared in each writing function's function.json.</summary>
    public const string NoticeBinding = "outbox";

    /// <summary>Trigger binding name of the relay function.</summary>
    public const string RelayTriggerBinding = "notice";

    /// <summary>Output binding (topic funding-events) of the relay function.</summary>
    public const string EventsBinding = "events";
}
