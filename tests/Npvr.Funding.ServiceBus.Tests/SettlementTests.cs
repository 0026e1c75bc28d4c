using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class SettlementTests(ServiceBusTarget target)
{
    [Fact]
    public async Task A_completed_message_leaves_the_queue()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("complete");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("complete");
        await sender.SendMessageAsync(new ServiceBusMessage("done") { MessageId = Receive.NewId() });

        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        Assert.False(await Receive.IsEmptyAsync(target.Client, "complete"), "a locked message is still in the queue");
        await receiver.CompleteMessageAsync(received);

        Assert.True(await Receive.IsEmptyAsync(target.Client, "complete"));
    }

    [Fact]
    public async Task An_abandoned_message_comes_back_with_delivery_count_2_and_its_modified_properties()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("abandon");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("abandon");
        string id = Receive.NewId();
        await sender.SendMessageAsync(new ServiceBusMessage("retry me") { MessageId = id, ApplicationProperties = { ["kept"] = "yes" } });

        ServiceBusReceivedMessage first = await Receive.OneAsync(receiver);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["attempt"] = 1 });
        ServiceBusReceivedMessage second = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(second);

        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(id, second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(1, second.ApplicationProperties["attempt"]);
        Assert.Equal("yes", second.ApplicationProperties["kept"]);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_read_from_the_dead_letter_queue_with_its_reason()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("dead-letter");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("dead-letter");
        await using ServiceBusReceiver deadLetters = target.Client.CreateReceiver(
            "dead-letter", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        string id = Receive.NewId();
        await sender.SendMessageAsync(new ServiceBusMessage("{\"type\":\"Unknown\"}") { MessageId = id, Subject = "Unknown" });

        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.DeadLetterMessageAsync(received, "malformed-envelope", "The envelope has no eventId.");
        ServiceBusReceivedMessage dead = await Receive.OneAsync(deadLetters);
        await deadLetters.CompleteMessageAsync(dead);

        Assert.Equal(id, dead.MessageId);
        Assert.Equal("malformed-envelope", dead.DeadLetterReason);
        Assert.Equal("The envelope has no eventId.", dead.DeadLetterErrorDescription);
        Assert.Equal("dead-letter", dead.DeadLetterSource);
        Assert.Equal("Unknown", dead.Subject);
        Assert.Equal("{\"type\":\"Unknown\"}", dead.Body.ToString());
        Assert.True(await Receive.IsEmptyAsync(target.Client, "dead-letter"));
    }

    [Fact]
    public async Task A_message_abandoned_max_delivery_count_times_is_dead_lettered_as_max_delivery_count_exceeded()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("max-delivery");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("max-delivery");
        await using ServiceBusReceiver deadLetters = target.Client.CreateReceiver(
            "max-delivery", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        string id = Receive.NewId();
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = id });

        for (int delivery = 1; delivery <= 2; delivery++)
        {
            ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
            Assert.Equal(delivery, received.DeliveryCount);
            await receiver.AbandonMessageAsync(received);
        }

        ServiceBusReceivedMessage dead = await Receive.OneAsync(deadLetters);
        await deadLetters.CompleteMessageAsync(dead);

        Assert.Equal(id, dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.True(await Receive.IsEmptyAsync(target.Client, "max-delivery"));
    }

    [Fact]
    public async Task Receive_and_delete_removes_the_message_on_delivery()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("receive-and-delete");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver(
            "receive-and-delete", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        string id = Receive.NewId();
        await sender.SendMessageAsync(new ServiceBusMessage("once") { MessageId = id });

        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);

        Assert.Equal(id, received.MessageId);
        Assert.True(await Receive.IsEmptyAsync(target.Client, "receive-and-delete"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.CompleteMessageAsync(received));
    }
}
