namespace Npvr.Funding.LocalHost.Functions;

/// <summary>How to start the local host. Defaults are the developer's: port 7071, Azurite with data kept on disk.</summary>
public sealed record LocalHostOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 7071;

    /// <summary>The local Service Bus endpoint's AMQP port on 127.0.0.1; 0 picks a free port (tests).</summary>
    public int ServiceBusPort { get; init; } = Npvr.Funding.LocalHost.Broker.Amqp.ServiceBusAmqpEndpointOptions.DefaultPort;

    /// <summary>
    /// Another Service Bus to use (Microsoft's emulator or a namespace with infra/topology.json's entities); when null
    /// the host starts its own broker and AMQP endpoint. Broker faults and idle waits exist only for the local one.
    /// </summary>
    public string? ServiceBusConnectionString { get; init; }

    /// <summary>
    /// A local broker the caller made and owns (e.g. <see cref="Npvr.Funding.LocalHost.Broker.ServiceBusEmulator.FromTopologyFile"/>): the host
    /// serves its AMQP endpoint on it and leaves it running when the host stops, so a host started again on it finds
    /// every message it held, as a Service Bus namespace outlives a restart of the function apps. When null (and no
    /// <see cref="ServiceBusConnectionString"/>) the host makes its own broker from <see cref="TopologyPath"/> and
    /// disposes it with itself.
    /// </summary>
    public Npvr.Funding.LocalHost.Broker.ServiceBusEmulator? Broker { get; init; }

    /// <summary>Table Storage to use; when null the host starts Azurite itself.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Prefix of every table name, so several hosts can share one storage account.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>Run timer triggers on their schedules (tests switch this off and run timers on demand).</summary>
    public bool EnableTimers { get; init; } = true;

    /// <summary>Extra app settings passed to every app, e.g. Outbox:SweepAfterSeconds.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The Service Bus entities; another file lets a test shorten a window (default infra/topology.json).</summary>
    public string? TopologyFile { get; init; }

    public string TopologyPath => TopologyFile ?? Path.Combine(RepositoryRoot, "infra", "topology.json");
}
