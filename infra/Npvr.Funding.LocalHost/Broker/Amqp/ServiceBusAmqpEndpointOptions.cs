using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>How the local AMQP endpoint listens.</summary>
public sealed record ServiceBusAmqpEndpointOptions
{
    /// <summary>The AMQP port without TLS, as Microsoft's emulator uses it.</summary>
    public const int DefaultPort = 5672;

    /// <summary>The port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The largest message (or batch) a sender may send, announced on every sending link as Service Bus does
    /// (256 KiB is the Standard tier's limit, the tier bicep/ deploys).
    /// </summary>
    public ulong MaxMessageSizeBytes { get; init; } = 256 * 1024;

    /// <summary>Connections, refused links and failed requests; none when null.</summary>
    public ILogger? Logger { get; init; }
}
