using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class RetryAndDeadLetterTests
{
    [Fact]
    public async Task Abandoned_message_is_redelivered_with_increasing_delivery_count()
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        var recorder = new MessageRecorder(m => Task.FromResult(
            m.DeliveryCount < 3 ? DeliveryOutcome.Failed("not yet") : DeliveryOutcome.Success));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.StartAsync();

        await broker.SendAsync(TestBroker.Plain, "retry me", "r-1");
        await broker.SettleAsync();

        Assert.Equal([1, 2, 3], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.All(recorder.Deliveries, m => Assert.Equal("r-1", m.MessageId));
        Assert.Equal(3, recorder.Deliveries.Select(m => m.LockToken).Distinct().Count());
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Abandoned_message_is_dead_lettered_after_max_delivery_count()
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        var recorder = new MessageRecorder(m => Task.FromResult(DeliveryOutcome.Failed($"attempt {m.DeliveryCount} failed")));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.StartAsync();

        await broker.SendAsync(TestBroker.Plain, "poison", "p-1");
        await broker.SettleAsync();

        Assert.Equal(TestBroker.MaxDeliveryCount, recorder.Deliveries.Count);
        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal($"attempt {TestBroker.MaxDeliveryCount} failed", dead.DeadLetterErrorDescription);
        Assert.Equal(("poison", "p-1", TestBroker.MaxDeliveryCount), (dead.Body, dead.MessageId, dead.DeliveryCount));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Throwing_handler_abandons_and_the_dead_letter_description_names_the_exception()
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        var recorder = new MessageRecorder(_ => throw new InvalidDataException("bad body"));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.StartAsync();

        await broker.SendAsync(TestBroker.Plain, "x");
        await broker.SettleAsync();

        Assert.Equal(TestBroker.MaxDeliveryCount, recorder.Deliveries.Count);
        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("System.IO.InvalidDataException: bad body", dead.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task Abandoned_message_goes_behind_messages_that_were_already_available()
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        var recorder = new MessageRecorder(m => Task.FromResult(
            m.Body == "first" && m.DeliveryCount == 1 ? DeliveryOutcome.Failed("once") : DeliveryOutcome.Success));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.SendAsync(TestBroker.Plain, "first");
        await broker.SendAsync(TestBroker.Plain, "second");

        await broker.StartAsync();
        await broker.SettleAsync();

        Assert.Equal(["first", "second", "first"], recorder.Bodies);
    }

    [Fact]
    public async Task Expired_message_is_dead_lettered_when_dead_lettering_on_expiration_is_on()
    {
        var time = new ManualTimeProvider();
        await using ServiceBusEmulator broker = TestBroker.Create(time);
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
        await using ServiceBusEmulator broker = TestBroker.Create(time);
        var recorder = new MessageRecorder();
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.SendAsync(TestBroker.Plain, "stale");

        time.Advance(TestBroker.TimeToLive);
        await broker.StartAsync();
        await broker.SettleAsync();

        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
        Assert.Empty(recorder.Deliveries);
    }

    [Fact]
    public async Task Topic_time_to_live_and_subscription_time_to_live_both_bound_expiry()
    {
        var time = new ManualTimeProvider();
        await using ServiceBusEmulator broker = TestBroker.Create(time);
        await broker.SendAsync(TestBroker.Events, "event");

        time.Advance(TestBroker.TimeToLive - TimeSpan.FromSeconds(1));
        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.SubscriptionA));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("TTLExpiredException", Assert.Single(broker.DeadLetters(TestBroker.SubscriptionA)).DeadLetterReason);
        Assert.Single(broker.DeadLetters(TestBroker.SubscriptionB));
    }
}
