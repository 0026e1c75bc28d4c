using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class RetryAndDeadLetterTests
{
    [Fact]
    public async Task Abandoned_message_is_redelivered_with_increasing_delivery_count()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder(m => Task.FromResult(
            m.DeliveryCount < 3 ? InvocationOutcome.Failed("not yet") : InvocationOutcome.Success));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        await broker.SendAsync(TestBroker.Plain, "retry me", "r-1");
        await broker.SettleAsync();

        Assert.Equal([1, 2, 3], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.All(recorder.Deliveries, m => Assert.Equal("r-1", m.MessageId));
        Assert.Equal(3, recorder.Deliveries.Select(m => m.LockToken).Distinct().Count());
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Messages_a_closing_receiver_releases_unread_are_available_again_and_their_delivery_does_not_count()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        for (int i = 1; i <= 3; i++) await sb.SendAsync(TestBroker.Plain, $"m{i}", $"m-{i}");
        await using (ServiceBusReceiver prefetching = sb.Client.CreateReceiver(TestBroker.Plain, new ServiceBusReceiverOptions { PrefetchCount = 10 }))
        {
            ServiceBusReceivedMessage first = await prefetching.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, first.DeliveryCount); // the broker sent the other two with it: they sit in the prefetch buffer
        } // closing releases what it prefetched and never handed out (AMQP "released"); the first stays locked

        await using ServiceBusReceiver next = sb.Client.CreateReceiver(TestBroker.Plain);
        IReadOnlyList<ServiceBusReceivedMessage> again = await next.ReceiveMessagesAsync(2, TimeSpan.FromSeconds(10));

        Assert.Equal([1, 1], again.Select(m => m.DeliveryCount));
    }

    [Fact]
    public async Task Abandoned_message_is_dead_lettered_after_max_delivery_count()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder(m => Task.FromResult(InvocationOutcome.Failed($"attempt {m.DeliveryCount} failed")));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        await broker.SendAsync(TestBroker.Plain, "poison", "p-1");
        await broker.SettleAsync();

        Assert.Equal(TestBroker.MaxDeliveryCount, recorder.Deliveries.Count);
        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        // Service Bus's own text: the Functions host abandons without saying why, so the broker cannot know.
        Assert.Equal($"Message could not be consumed after {TestBroker.MaxDeliveryCount} delivery attempts.", dead.DeadLetterErrorDescription);
        Assert.Equal(("poison", "p-1", TestBroker.MaxDeliveryCount), (dead.Body, dead.MessageId, dead.DeliveryCount));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Throwing_invocation_abandons_like_a_failed_one()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder(_ => throw new InvalidDataException("bad body"));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        await broker.SendAsync(TestBroker.Plain, "x");
        await broker.SettleAsync();

        Assert.Equal(TestBroker.MaxDeliveryCount, recorder.Deliveries.Count);
        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(Enumerable.Range(1, TestBroker.MaxDeliveryCount), recorder.Deliveries.Select(m => m.DeliveryCount));
    }

    [Fact]
    public async Task Abandoned_message_goes_behind_messages_that_were_already_available()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder(m => Task.FromResult(
            m.Body.ToString() == "first" && m.DeliveryCount == 1 ? InvocationOutcome.Failed("once") : InvocationOutcome.Success));
        await broker.SendAsync(TestBroker.Plain, "first");
        await broker.SendAsync(TestBroker.Plain, "second");

        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SettleAsync();

        Assert.Equal(["first", "second", "first"], recorder.Bodies);
    }

    [Fact]
    public async Task Expired_message_is_dead_lettered_when_dead_lettering_on_expiration_is_on()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        await broker.SendAsync(TestBroker.Orders, "stale", "o-1");
        await broker.SendAsync(TestBroker.Orders, new BrokerMessage("short-lived", "o-2", TimeToLive: TimeSpan.FromMinutes(1)));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("o-2", Assert.Single(broker.DeadLetters(TestBroker.Orders)).MessageId);
        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Orders));

        time.Advance(TestBroker.TimeToLive);
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Orders));
        DeadLetteredMessage dead = broker.DeadLetters(TestBroker.Orders)[1];
        Assert.Equal(("o-1", "TTLExpiredException", 0), (dead.MessageId, dead.DeadLetterReason, dead.DeliveryCount));
    }

    [Fact]
    public async Task Expired_message_is_dropped_when_dead_lettering_on_expiration_is_off()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await broker.SendAsync(TestBroker.Plain, "stale");

        time.Advance(TestBroker.TimeToLive);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SettleAsync();

        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
        Assert.Empty(recorder.Deliveries);
    }

    [Fact]
    public async Task Topic_time_to_live_and_subscription_time_to_live_both_bound_expiry()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        await broker.SendAsync(TestBroker.Events, "event");

        time.Advance(TestBroker.TimeToLive - TimeSpan.FromSeconds(1));
        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.SubscriptionA));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("TTLExpiredException", Assert.Single(broker.DeadLetters(TestBroker.SubscriptionA)).DeadLetterReason);
        Assert.Single(broker.DeadLetters(TestBroker.SubscriptionB));
    }
}
