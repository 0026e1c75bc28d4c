using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Broker.Amqp;

namespace Npvr.Funding.ServiceBus.Tests.Support;

/// <summary>
/// The Service Bus the conformance suite runs against; the tests use only Azure.Messaging.ServiceBus and this
/// connection string. Chosen by the environment:
/// <list type="bullet">
/// <item>nothing set (default, CI): the local AMQP endpoint (infra/ ServiceBusAmqpEndpoint) over a broker built from
/// conformance-topology.json beside this project;</item>
/// <item><c>NPVR_SERVICEBUS_CONNECTION_STRING</c>: that endpoint instead, e.g. Microsoft's emulator you started, or a
/// namespace. It must hold exactly the entities of conformance-topology.json: queues properties, batch, complete,
/// abandon, dead-letter, max-delivery (maxDeliveryCount 2), lock-expiry and renew-lock (lockDuration PT5S),
/// scheduled, peek, duplicates (duplicate detection, window PT1M), processor, refused, receive-and-delete, expiring
/// (dead-lettering on expiration); topic fan-out with subscriptions first and second; every other entity with
/// lockDuration PT30S, maxDeliveryCount 5, defaultMessageTimeToLive PT1H. The entities must be empty at the start;</item>
/// <item><c>NPVR_SERVICEBUS_EMULATOR=docker</c>: Microsoft's emulator started by <see cref="EmulatorContainers"/>
/// (Testcontainers; needs a Docker engine that can pull from mcr.microsoft.com, and fails when there is none).</item>
/// </list>
/// Tests of injected faults (refused sends) need the local broker's hooks and fail, naming why, against any other.
/// </summary>
public sealed class ServiceBusTarget : IAsyncLifetime
{
    public const string ConnectionStringVariable = "NPVR_SERVICEBUS_CONNECTION_STRING";
    public const string EmulatorVariable = "NPVR_SERVICEBUS_EMULATOR";

    private ServiceBusEmulator? _broker;
    private ServiceBusAmqpEndpoint? _endpoint;
    private EmulatorContainers? _containers;
    private ServiceBusClient? _client;

    public static string TopologyPath => Path.Combine(AppContext.BaseDirectory, "conformance-topology.json");

    public string ConnectionString { get; private set; } = string.Empty;

    public ServiceBusClient Client => _client ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>The broker behind the local endpoint, for tests that inject faults.</summary>
    /// <exception cref="InvalidOperationException">The suite runs against another Service Bus.</exception>
    public ServiceBusEmulator LocalBroker => _broker ?? throw new InvalidOperationException(
        $"This test injects a broker fault, which only the local endpoint offers; unset {ConnectionStringVariable} and {EmulatorVariable} to run it.");

    public async Task InitializeAsync()
    {
        string? emulator = Environment.GetEnvironmentVariable(EmulatorVariable);
        string? given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrEmpty(emulator))
        {
            _containers = emulator == "docker"
                ? await EmulatorContainers.StartAsync(TopologyPath)
                : throw new InvalidOperationException($"{EmulatorVariable} must be 'docker' (or unset), not '{emulator}'.");
            ConnectionString = _containers.ServiceBusConnectionString;
        }
        else if (!string.IsNullOrEmpty(given))
        {
            ConnectionString = given;
        }
        else
        {
            _broker = ServiceBusEmulator.FromTopologyFile(TopologyPath);
            _endpoint = ServiceBusAmqpEndpoint.Start(_broker, new ServiceBusAmqpEndpointOptions { Port = 0 });
            ConnectionString = _endpoint.ConnectionString;
        }

        _client = new ServiceBusClient(ConnectionString, new ServiceBusClientOptions
        {
            // Bounded: a broken endpoint fails a test within seconds instead of retrying for minutes.
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, TryTimeout = TimeSpan.FromSeconds(15), Delay = TimeSpan.FromMilliseconds(200) },
        });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_containers is not null)
        {
            await _containers.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceBusCollection : ICollectionFixture<ServiceBusTarget>
{
    public const string Name = "Service Bus";
}
