namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// Fault injection for tests, per queue or subscription path. Each call replaces the previous setting of its kind.
/// </summary>
public sealed class BrokerFaults
{
    private static readonly TimeSpan DefaultReorderMaxHold = TimeSpan.FromSeconds(2);
    private readonly ServiceBusEmulator _emulator;

    internal BrokerFaults(ServiceBusEmulator emulator) => _emulator = emulator;

    /// <summary>
    /// The next <paramref name="count"/> deliveries of the entity are each delivered twice, both copies with the same
    /// MessageId, body and DeliveryCount, as at-least-once delivery can. Each copy is settled on its own.
    /// </summary>
    public void DuplicateNextDeliveries(string entityPath, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _emulator.ChangeFaults(entityPath, faults => faults.DuplicatesRemaining = count);
    }

    /// <summary>
    /// Delivers the next <paramref name="count"/> (at least 2) available messages of the entity in the given order. Deliveries
    /// are held until that many are available, or for at most <paramref name="maxHold"/> (default 2 s) after the
    /// first one is; then whatever is available (up to the count) is permuted once and the fault disarms.
    /// </summary>
    public void ReorderNextDeliveries(string entityPath, int count, DeliveryOrder order, int seed = 0, TimeSpan? maxHold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        TimeSpan hold = maxHold ?? DefaultReorderMaxHold;
        ArgumentOutOfRangeException.ThrowIfLessThan(hold, TimeSpan.Zero, nameof(maxHold));
        _emulator.ChangeFaults(entityPath, faults => faults.ArmReorder(count, order, seed, hold));
    }

    /// <summary>Every delivery of the entity waits <paramref name="delay"/> once it is next in line; zero turns this off.</summary>
    public void DelayDeliveries(string entityPath, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _emulator.ChangeFaults(entityPath, faults => faults.DeliveryDelay = delay);
    }

    /// <summary>Disarms every fault of the entity.</summary>
    public void Clear(string entityPath) => _emulator.ChangeFaults(entityPath, faults => faults.Clear());
}
