using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Process-wide settings of the <see cref="ServiceBusEmulator"/> (per-entity settings come from the topology).</summary>
public sealed record ServiceBusEmulatorOptions
{
    /// <summary>Receives settlements, expiry and dead-lettering; none when null.</summary>
    public ILogger? Logger { get; init; }
}
