using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class SendTests(ServiceBusTarget target)
{
    [Fact]
    public async Task Message_properties_and_body_round_trip_to_the_receiver()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("properties");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("properties");
        string messageId = Receive.NewId();
        var sent = new ServiceBusMessage(BinaryData.FromString("{\"amount\":\"341322.31\"}"))
        {
            MessageId = messageId,
            CorrelationId = "correlation-" + messageId,
            Subject = "KassierDesignated",
            ContentType = "application/json",
            ApplicationProperties = { ["regionId"] = "achterhoek", ["version"] = 7, ["isReversal"] = true, ["amountCents"] = 34132231L },
        };

        await sender.SendMessageAsync(sent);
        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(received);

        Assert.Equal(messageId, received.MessageId);
        Assert.Equal("correlation-" + messageId, received.CorrelationId);
        Assert.Equal("KassierDesignated", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("{\"amount\":\"341322.31\"}", received.Body.ToString());
        Assert.Equal("achterhoek", received.ApplicationProperties["regionId"]);
        Assert.Equal(7, received.ApplicationProperties["version"]);
        Assert.Equal(true, received.ApplicationProperties["isReversal"]);
        Assert.Equal(34132231L, received.ApplicationProperties["amountCents"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.InRange(received.EnqueuedTime, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(received.LockedUntil > received.EnqueuedTime, "a peek-locked message carries its lock's end");
    }

    [Fact]
    public async Task A_batch_arrives_as_its_messages_in_order()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("batch");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("batch");
        using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
        string[] ids = [.. Enumerable.Range(0, 25).Select(_ => Receive.NewId())];
        foreach (string id in ids)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"body-{id}") { MessageId = id, ApplicationProperties = { ["id"] = id } }));
        }

        await sender.SendMessagesAsync(batch);
        IReadOnlyList<ServiceBusReceivedMessage> received = await Receive.ManyAsync(receiver, ids.Length);
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(ids, received.Select(m => m.MessageId));
        Assert.All(received, m => Assert.Equal($"body-{m.MessageId}", m.Body.ToString()));
        Assert.All(received, m => Assert.Equal(m.MessageId, m.ApplicationProperties["id"]));
        Assert.Equal(received.Select(m => m.SequenceNumber).Order(), received.Select(m => m.SequenceNumber));
    }

    [Fact]
    public async Task A_list_of_messages_is_sent_in_one_call()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("batch");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("batch");
        string[] ids = [Receive.NewId(), Receive.NewId(), Receive.NewId()];

        await sender.SendMessagesAsync(ids.Select(id => new ServiceBusMessage(id) { MessageId = id }));
        IReadOnlyList<ServiceBusReceivedMessage> received = await Receive.ManyAsync(receiver, ids.Length);
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(ids, received.Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task Sending_to_an_unknown_entity_fails_with_messaging_entity_not_found()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("no-such-queue");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task Receiving_from_an_unknown_subscription_fails_with_messaging_entity_not_found()
    {
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("fan-out", "no-such-subscription");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }
}
