using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Broker.Amqp;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>
/// The test broker behind its AMQP endpoint on a free port, and a Service Bus client connected to it: broker
/// behaviour is tested through the client, as the local host and the apps use it. With a manual clock, locks,
/// schedules and expiry move only when the test advances it; the client's own waits stay in real time.
/// </summary>
public sealed class TestEndpoint : IAsyncDisposable
{
    private TestEndpoint(ServiceBusEmulator broker, ServiceBusAmqpEndpoint endpoint)
    {
        Broker = broker;
        Endpoint = endpoint;
        Client = new ServiceBusClient(endpoint.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, TryTimeout = TestBroker.TestTimeout },
        });
    }

    public ServiceBusEmulator Broker { get; }

    public ServiceBusAmqpEndpoint Endpoint { get; }

    public ServiceBusClient Client { get; }

    public static TestEndpoint Start(TimeProvider? time = null, string topologyJson = TestBroker.TopologyJson)
    {
        var broker = new ServiceBusEmulator(BrokerTopology.Parse(topologyJson), time);
        return new TestEndpoint(broker, ServiceBusAmqpEndpoint.Start(broker, new ServiceBusAmqpEndpointOptions { Port = 0 }));
    }

    /// <summary>Runs handlers as the local host runs Service Bus triggers (dispose the result to stop them).</summary>
    public Task<ServiceBusTriggers> StartTriggersAsync(params ServiceBusTrigger[] triggers) =>
        ServiceBusTriggers.StartAsync(Client, triggers, Broker, NullLogger.Instance, CancellationToken.None);

    public async Task SendAsync(string queueOrTopic, string body, string? messageId = null, Action<ServiceBusMessage>? configure = null)
    {
        await using ServiceBusSender sender = Client.CreateSender(queueOrTopic);
        var message = new ServiceBusMessage(body) { MessageId = messageId };
        configure?.Invoke(message);
        await sender.SendMessageAsync(message);
    }

    /// <summary>Waits until the broker is idle now (see <see cref="TestBroker.SettleAsync"/>).</summary>
    public Task SettleAsync() => Broker.SettleAsync();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Endpoint.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
