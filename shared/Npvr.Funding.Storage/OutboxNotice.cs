namespace Npvr.Funding.Storage;

/// <summary>
/// The message on an app's outbox queue: which committed events to relay. It names rows, not contents,
/// so the relay always publishes exactly what was committed.
/// </summary>
public sealed record OutboxNotice(string Table, string PartitionKey, IReadOnlyList<string> EventIds)
{
    /// <summary>One notice covers at most one transaction's worth of events.</summary>
    public const int MaxEvents = PartitionWrite.MaxActions;
}
