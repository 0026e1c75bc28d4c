using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class ScheduledEnqueueTests
{
    [Fact]
    public async Task Scheduled_message_is_invisible_until_its_enqueue_time()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        DateTimeOffset dueUtc = time.GetUtcNow().AddMinutes(5);

        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("later", ScheduledEnqueueTimeUtc: dueUtc));
        await broker.SendAsync(TestBroker.Plain, "now");
        await broker.SettleAsync();
        Assert.Equal(["now"], recorder.Bodies);
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await broker.SettleAsync();
        Assert.Equal(["now"], recorder.Bodies);

        time.Advance(TimeSpan.FromSeconds(1));
        await broker.SettleAsync();
        Assert.Equal(["now", "later"], recorder.Bodies);
        ServiceBusReceivedMessage later = recorder.Deliveries[1];
        Assert.Equal(dueUtc, later.EnqueuedTime);
        Assert.Equal(dueUtc + TestBroker.TimeToLive, later.ExpiresAt);
    }

    [Fact]
    public async Task Scheduled_messages_become_available_in_scheduled_time_order()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        DateTimeOffset nowUtc = time.GetUtcNow();

        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("at 3", ScheduledEnqueueTimeUtc: nowUtc.AddSeconds(3)));
        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("at 1", ScheduledEnqueueTimeUtc: nowUtc.AddSeconds(1)));
        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("at 2", ScheduledEnqueueTimeUtc: nowUtc.AddSeconds(2)));
        time.Advance(TimeSpan.FromSeconds(10)); // all three due at once: their order is their scheduled times
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SettleAsync();

        Assert.Equal(["at 1", "at 2", "at 3"], recorder.Bodies);
    }

    [Fact]
    public async Task Schedule_time_in_the_past_makes_the_message_available_at_once()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;

        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("past", ScheduledEnqueueTimeUtc: time.GetUtcNow().AddHours(-1)));

        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Plain));
    }
}
