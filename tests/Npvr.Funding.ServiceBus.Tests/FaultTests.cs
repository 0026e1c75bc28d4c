using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

/// <summary>Faults the local broker injects, seen through the client. These need the local endpoint.</summary>
[Collection(ServiceBusCollection.Name)]
public sealed class FaultTests(ServiceBusTarget target)
{
    [Fact]
    public async Task Refused_sends_fail_with_a_service_bus_exception_and_succeed_again_once_cleared()
    {
        ServiceBusEmulator broker = target.LocalBroker;
        await using ServiceBusSender sender = target.Client.CreateSender("refused");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("refused");
        string id = Receive.NewId();

        broker.Faults.RefuseSends("refused");
        var single = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("lost") { MessageId = id }));
        var batch = await Assert.ThrowsAsync<ServiceBusException>(
            () => sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b")]));
        int refused = broker.Faults.RefusedSends("refused");
        broker.Faults.Clear("refused");
        await sender.SendMessageAsync(new ServiceBusMessage("kept") { MessageId = id });
        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(received);

        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, single.Reason);
        Assert.False(single.IsTransient);
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, batch.Reason);
        Assert.Equal(2, refused);
        Assert.Equal("kept", received.Body.ToString());
        Assert.True(await Receive.IsEmptyAsync(target.Client, "refused"), "nothing of the refused sends was stored");
    }

    [Fact]
    public async Task Refused_sends_for_a_duration_end_by_themselves()
    {
        ServiceBusEmulator broker = target.LocalBroker;
        await using ServiceBusSender sender = target.Client.CreateSender("refused");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("refused");

        broker.Faults.RefuseSends("refused", TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("early")));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the refusal's own duration, not a wait for a condition
        await sender.SendMessageAsync(new ServiceBusMessage("late"));
        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(received);

        Assert.Equal(1, broker.Faults.RefusedSends("refused"));
        Assert.Equal("late", received.Body.ToString());
    }

    [Fact]
    public async Task The_duplicate_fault_delivers_a_message_twice_through_the_client()
    {
        ServiceBusEmulator broker = target.LocalBroker;
        await using ServiceBusSender sender = target.Client.CreateSender("complete");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("complete");
        string id = Receive.NewId();

        broker.Faults.DuplicateNextDeliveries("complete", 1);
        await sender.SendMessageAsync(new ServiceBusMessage("twice") { MessageId = id });
        IReadOnlyList<ServiceBusReceivedMessage> received = await Receive.ManyAsync(receiver, 2);
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.All(received, m => Assert.Equal(id, m.MessageId));
        Assert.NotEqual(received[0].LockToken, received[1].LockToken);
        Assert.True(await Receive.IsEmptyAsync(target.Client, "complete"));
    }
}
