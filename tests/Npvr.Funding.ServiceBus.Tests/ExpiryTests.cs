using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class ExpiryTests(ServiceBusTarget target)
{
    [Fact]
    public async Task An_expired_message_is_dead_lettered_where_dead_lettering_on_expiration_is_on()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("expiring");
        await using ServiceBusReceiver deadLetters = target.Client.CreateReceiver(
            "expiring", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        string id = Receive.NewId();

        await sender.SendMessageAsync(new ServiceBusMessage("stale") { MessageId = id, TimeToLive = TimeSpan.FromSeconds(1) });
        ServiceBusReceivedMessage dead = await Receive.OneAsync(deadLetters);
        await deadLetters.CompleteMessageAsync(dead);

        Assert.Equal(id, dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        Assert.Equal(TimeSpan.FromSeconds(1), dead.TimeToLive);
    }
}
