using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Process-wide settings of the <see cref="ServiceBusEmulator"/> (per-entity settings come from the topology).</summary>
public sealed record ServiceBusEmulatorOptions
{
    /// <summary>
    /// Like the Functions host's maxAutoLockRenewalDuration (default 5 minutes): while a handler runs its lock is
    /// renewed, so the lock is lost only after max(lockDuration, this) from delivery. <see cref="TimeSpan.Zero"/>
    /// disables renewal.
    /// </summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long <see cref="ServiceBusEmulator.StopAsync"/> waits for running handlers after cancelling them.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives deliveries, settlements, dead-lettering and handler failures; none when null.</summary>
    public ILogger? Logger { get; init; }
}
