using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

/// <summary>The queues here have a 5 s lock (the shortest Service Bus allows), so each test waits a few seconds.</summary>
[Collection(ServiceBusCollection.Name)]
public sealed class LockTests(ServiceBusTarget target)
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task After_the_lock_expires_completing_fails_with_message_lock_lost_and_the_message_is_delivered_again()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("lock-expiry");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("lock-expiry");
        string id = Receive.NewId();
        await sender.SendMessageAsync(new ServiceBusMessage("slow") { MessageId = id });

        ServiceBusReceivedMessage first = await Receive.OneAsync(receiver);
        ServiceBusReceivedMessage second = await Receive.OneAsync(receiver); // waits until the first lock expired
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        await receiver.CompleteMessageAsync(second);

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        Assert.Equal(id, second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.True(second.EnqueuedTime <= first.LockedUntil && first.LockedUntil <= DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.InRange(first.LockedUntil - first.EnqueuedTime, LockDuration - TimeSpan.FromSeconds(1), LockDuration + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Renewing_the_lock_extends_locked_until_and_keeps_the_message_locked()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("renew-lock");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("renew-lock");
        await sender.SendMessageAsync(new ServiceBusMessage("long work") { MessageId = Receive.NewId() });

        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        DateTimeOffset firstLockedUntil = received.LockedUntil;
        await Task.Delay(TimeSpan.FromSeconds(3)); // work that takes most of the lock
        await receiver.RenewMessageLockAsync(received);
        await Task.Delay(TimeSpan.FromSeconds(3)); // past the first lock's end
        await receiver.CompleteMessageAsync(received);

        Assert.True(received.LockedUntil >= firstLockedUntil + TimeSpan.FromSeconds(2), $"{received.LockedUntil:O} vs {firstLockedUntil:O}");
        Assert.True(await Receive.IsEmptyAsync(target.Client, "renew-lock"));
    }

    [Fact]
    public async Task Renewing_a_lost_lock_fails_with_message_lock_lost()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("renew-lock");
        await using ServiceBusReceiver receiver = target.Client.CreateReceiver("renew-lock");
        await sender.SendMessageAsync(new ServiceBusMessage("settled") { MessageId = Receive.NewId() });
        ServiceBusReceivedMessage received = await Receive.OneAsync(receiver);
        await receiver.CompleteMessageAsync(received);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(received));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
    }
}
