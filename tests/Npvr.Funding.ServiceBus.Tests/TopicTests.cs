using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class TopicTests(ServiceBusTarget target)
{
    [Fact]
    public async Task A_message_sent_to_a_topic_reaches_each_subscription_once()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("fan-out");
        await using ServiceBusReceiver first = target.Client.CreateReceiver("fan-out", "first");
        await using ServiceBusReceiver second = target.Client.CreateReceiver("fan-out", "second");
        string id = Receive.NewId();

        await sender.SendMessageAsync(new ServiceBusMessage("event") { MessageId = id, Subject = "TrancheIssued" });
        ServiceBusReceivedMessage toFirst = await Receive.OneAsync(first);
        ServiceBusReceivedMessage toSecond = await Receive.OneAsync(second);
        await first.CompleteMessageAsync(toFirst);
        await second.CompleteMessageAsync(toSecond);

        Assert.Equal(id, toFirst.MessageId);
        Assert.Equal(id, toSecond.MessageId);
        Assert.Equal("TrancheIssued", toSecond.Subject);
        Assert.True(await Receive.IsEmptyAsync(target.Client, "fan-out", "first"));
        Assert.True(await Receive.IsEmptyAsync(target.Client, "fan-out", "second"));
    }

    [Fact]
    public async Task A_message_completed_in_one_subscription_stays_in_the_other()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("fan-out");
        await using ServiceBusReceiver first = target.Client.CreateReceiver("fan-out", "first");
        await using ServiceBusReceiver second = target.Client.CreateReceiver("fan-out", "second");
        await sender.SendMessageAsync(new ServiceBusMessage("event") { MessageId = Receive.NewId() });

        await first.CompleteMessageAsync(await Receive.OneAsync(first));

        Assert.True(await Receive.IsEmptyAsync(target.Client, "fan-out", "first"));
        Assert.False(await Receive.IsEmptyAsync(target.Client, "fan-out", "second"));
        await second.CompleteMessageAsync(await Receive.OneAsync(second));
    }
}
