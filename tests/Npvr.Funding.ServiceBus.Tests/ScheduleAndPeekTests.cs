using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class ScheduleAndPeekTests(ServiceBusTarget target)
{
    [Fact]
    public async Task A_scheduled_message_arrives_at_its_time_and_a_cancelled_one_never()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("scheduled");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("scheduled");
        DateTimeOffset dueUtc = DateTimeOffset.UtcNow.AddSeconds(2);
        string keptId = Receive.NewId();

        long kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept") { MessageId = keptId }, dueUtc);
        long cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled") { MessageId = Receive.NewId() }, dueUtc);
        ServiceBusReceivedMessage? early = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));
        await sender.CancelScheduledMessageAsync(cancelled);
        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(received);

        Assert.NotEqual(kept, cancelled);
        Assert.Null(early);
        Assert.Equal(keptId, received.MessageId);
        Assert.True(received.EnqueuedTime >= dueUtc.AddMilliseconds(-50), $"enqueued {received.EnqueuedTime:O}, due {dueUtc:O}");
        Assert.True(await Receive.IsEmptyAsync(target.Client, "scheduled"), "the cancelled message must be gone");
    }

    [Fact]
    public async Task Peek_shows_messages_in_order_without_locking_them()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("peek");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("peek");
        string[] ids = [Receive.NewId(), Receive.NewId()];
        await sender.SendMessagesAsync(ids.Select(id => new ServiceBusMessage(id) { MessageId = id }));

        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(10, fromSequenceNumber: 0);
        IReadOnlyList<ServiceBusReceivedMessage> received = await Receive.ManyAsync(receiver, 2);
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(ids, peeked.Select(m => m.MessageId));
        Assert.All(peeked, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal(ids, received.Select(m => m.MessageId));
        Assert.All(received, m => Assert.Equal(1, m.DeliveryCount));
        Assert.Equal(peeked.Select(m => m.SequenceNumber), received.Select(m => m.SequenceNumber));
    }
}
