using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class DuplicateDetectionTests(ServiceBusTarget target)
{
    [Fact]
    public async Task A_message_id_sent_twice_within_the_window_is_delivered_once()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("duplicates");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("duplicates");
        string id = Receive.NewId();
        string other = Receive.NewId();

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = id });
        await sender.SendMessageAsync(new ServiceBusMessage("repeat") { MessageId = id });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = other });
        IReadOnlyList<ServiceBusReceivedMessage> received = await Receive.ManyAsync(receiver, 2);
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(["first", "other"], received.Select(m => m.Body.ToString()));
        Assert.True(await Receive.IsEmptyAsync(target.Client, "duplicates"), "the repeat must have been dropped");
    }
}
