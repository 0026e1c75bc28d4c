using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Functions;

public sealed class HostServiceBusTests
{
    [Fact]
    public async Task A_broker_the_caller_owns_outlives_the_host_and_the_next_host_receives_what_it_held()
    {
        await using var broker = new ServiceBusEmulator(BrokerTopology.Parse(TestBroker.TopologyJson));
        var options = new LocalHostOptions { RepositoryRoot = AppContext.BaseDirectory, ServiceBusPort = 0, Broker = broker };

        await using (var first = HostServiceBus.Start(options, NullLoggerFactory.Instance))
        {
            await using var sender = first.Client.CreateSender(TestBroker.Plain);
            await sender.SendMessageAsync(new ServiceBusMessage("in flight") { MessageId = "kept" });
        }

        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Plain));
        await using var second = HostServiceBus.Start(options, NullLoggerFactory.Instance);
        await using var receiver = second.Client.CreateReceiver(TestBroker.Plain);
        var received = await receiver.ReceiveMessageAsync(TestBroker.TestTimeout);
        Assert.Equal("kept", received?.MessageId);
        await receiver.CompleteMessageAsync(received);
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }
}
