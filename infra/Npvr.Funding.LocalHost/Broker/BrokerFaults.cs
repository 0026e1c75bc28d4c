namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// Fault injection for tests, per queue or subscription path (refused sends: per queue or topic). Each call replaces
/// the previous setting of its kind.
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

    /// <summary>
    /// The next <paramref name="count"/> deliveries of the entity get a lock that runs out about a millisecond after
    /// delivery and that renewals do not extend, as when a handler outlives its lock: the message becomes available again
    /// (its DeliveryCount one higher) while the first handler still runs, and that handler's settlement fails with a
    /// lost lock.
    /// </summary>
    public void ExpireLocksMidHandler(string entityPath, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _emulator.ChangeFaults(entityPath, faults => faults.LockExpiriesRemaining = count);
    }

    /// <summary>How many deliveries of the entity the lock-expiry fault doomed since the broker started (so a test can see it fired).</summary>
    public int LockExpiriesInjected(string entityPath)
    {
        int count = 0;
        _emulator.ChangeFaults(entityPath, faults => count = faults.LockExpiriesInjected);
        return count;
    }

    /// <summary>
    /// Every send to the queue or topic is refused (a client sees a ServiceBusException, reason MessagingEntityDisabled;
    /// an in-process send throws <see cref="SendRefusedException"/>) until <see cref="Clear"/>, or for
    /// <paramref name="duration"/> on the emulator's clock when given. Arming resets <see cref="RefusedSends"/>.
    /// </summary>
    public void RefuseSends(string queueOrTopic, TimeSpan? duration = null)
    {
        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(d, TimeSpan.Zero, nameof(duration));
        }

        _emulator.ChangeSendFaults(queueOrTopic, (target, nowUtc) =>
        {
            target.RefuseSendsUntilUtc = duration is { } forHowLong ? nowUtc + forHowLong : DateTimeOffset.MaxValue;
            target.RefusedSendCount = 0;
        });
    }

    /// <summary>How many sends the refuse-sends fault refused since it was last armed (so a test can see it fired).</summary>
    public int RefusedSends(string queueOrTopic)
    {
        int count = 0;
        _emulator.ChangeSendFaults(queueOrTopic, (target, _) => count = target.RefusedSendCount);
        return count;
    }

    /// <summary>
    /// Disarms every fault of a queue or subscription path, or of a topic name (refused sends); a queue's name clears
    /// both its delivery faults and its refused sends.
    /// </summary>
    public void Clear(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool isTarget = _emulator.IsSendTarget(path);
        if (isTarget)
        {
            _emulator.ChangeSendFaults(path, (target, _) => target.RefuseSendsUntilUtc = null);
        }

        if (!isTarget || _emulator.EntityPaths.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            _emulator.ChangeFaults(path, faults => faults.Clear());
        }
    }
}
