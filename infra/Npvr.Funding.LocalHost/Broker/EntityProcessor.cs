namespace Npvr.Funding.LocalHost.Broker;

/// <summary>The handler registered for one entity and its concurrency. Guarded by the emulator's lock.</summary>
internal sealed class EntityProcessor(
    Func<ReceivedMessage, CancellationToken, Task<DeliveryOutcome>> handler,
    int maxConcurrentCalls)
{
    public Func<ReceivedMessage, CancellationToken, Task<DeliveryOutcome>> Handler { get; } = handler;

    public int MaxConcurrentCalls { get; } = maxConcurrentCalls;

    /// <summary>Handlers still running, including those whose lock was lost: they may still send messages.</summary>
    public int Running { get; set; }

    public bool HasFreeSlot => Running < MaxConcurrentCalls;
}
