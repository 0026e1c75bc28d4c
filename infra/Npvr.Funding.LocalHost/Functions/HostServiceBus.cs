using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Broker.Amqp;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// The Service Bus the local host uses: its own broker behind the AMQP endpoint (from infra/topology.json), or
/// another one given by connection string. Either way everything goes through one Azure.Messaging.ServiceBus client.
/// </summary>
internal sealed class HostServiceBus : IAsyncDisposable
{
    private readonly bool _ownsBroker;

    private HostServiceBus(ServiceBusEmulator? broker, ServiceBusAmqpEndpoint? endpoint, string connectionString, bool ownsBroker = true)
    {
        _ownsBroker = ownsBroker;
        Broker = broker;
        Endpoint = endpoint;
        ConnectionString = connectionString;
        Client = new ServiceBusClient(connectionString);
    }

    /// <summary>Null when another Service Bus is used.</summary>
    public ServiceBusEmulator? Broker { get; }

    public ServiceBusAmqpEndpoint? Endpoint { get; }

    public string ConnectionString { get; }

    public ServiceBusClient Client { get; }

    /// <exception cref="System.Net.Sockets.SocketException">The local endpoint's port is taken.</exception>
    public static HostServiceBus Start(LocalHostOptions options, ILoggerFactory loggers)
    {
        if (options.ServiceBusConnectionString is { } given)
        {
            return new HostServiceBus(null, null, given);
        }

        var ownsBroker = options.Broker is null;
        var broker = options.Broker ?? ServiceBusEmulator.FromTopologyFile(
            options.TopologyPath, options: new ServiceBusEmulatorOptions { Logger = loggers.CreateLogger("Npvr.Funding.LocalHost.Broker") });
        try
        {
            ServiceBusAmqpEndpoint endpoint = ServiceBusAmqpEndpoint.Start(broker, new ServiceBusAmqpEndpointOptions
            {
                Port = options.ServiceBusPort,
                Logger = loggers.CreateLogger("Npvr.Funding.LocalHost.Broker.Amqp"),
            });
            return new HostServiceBus(broker, endpoint, endpoint.ConnectionString, ownsBroker);
        }
        catch
        {
            if (ownsBroker)
            {
                broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (Endpoint is not null)
        {
            await Endpoint.DisposeAsync();
        }

        if (Broker is not null && _ownsBroker)
        {
            await Broker.DisposeAsync();
        }
    }
}
