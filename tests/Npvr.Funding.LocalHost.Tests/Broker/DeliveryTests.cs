using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Message_sent_to_a_topic_is_delivered_once_to_each_subscription()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var a = new MessageRecorder();
        var b = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(a.Trigger(TestBroker.SubscriptionA));
        await using ServiceBusTriggers triggers2 = await sb.StartTriggersAsync(b.Trigger(TestBroker.SubscriptionB));

        await broker.SendAsync(TestBroker.Events, new BrokerMessage("hello", "m-1"));
        await broker.SettleAsync();

        Assert.Equal("m-1", Assert.Single(a.Deliveries).MessageId);
        Assert.Equal("m-1", Assert.Single(b.Deliveries).MessageId);
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.SubscriptionA));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.SubscriptionB));
    }

    [Fact]
    public async Task Completed_message_is_removed_and_not_delivered_again()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        await broker.SendAsync(TestBroker.Plain, "once");
        await broker.SettleAsync();
        time.Advance(TestBroker.LockDuration * 20);
        await broker.SettleAsync();

        ServiceBusReceivedMessage delivery = Assert.Single(recorder.Deliveries);
        Assert.Equal(1, delivery.DeliveryCount);
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
    }

    [Fact]
    public async Task Messages_are_delivered_first_in_first_out_with_increasing_sequence_numbers()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        for (int i = 1; i <= 5; i++)
        {
            await broker.SendAsync(TestBroker.Plain, $"m{i}");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SettleAsync();

        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], recorder.Bodies);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], recorder.Deliveries.Select(m => m.SequenceNumber));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => new ManualTimeProvider().GetUtcNow().AddSeconds(i)),
            recorder.Deliveries.Select(m => m.EnqueuedTime));
    }

    [Fact]
    public async Task Delivered_message_carries_body_properties_and_expiry()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        var properties = new Dictionary<string, object> { ["kind"] = "registration", ["version"] = 2 };

        await broker.SendAsync(TestBroker.Plain, new BrokerMessage(
            "{\"a\":1}", "id-7", ContentType: "application/json", ApplicationProperties: properties, CorrelationId: "c-1", Subject: "s"));
        properties["kind"] = "changed after send";
        await broker.SettleAsync();

        ServiceBusReceivedMessage message = Assert.Single(recorder.Deliveries);
        Assert.Equal(("{\"a\":1}", "id-7", "application/json", "c-1", "s"), (message.Body.ToString(), message.MessageId, message.ContentType, message.CorrelationId, message.Subject));
        Assert.Equal("registration", message.ApplicationProperties["kind"]);
        Assert.Equal(2, message.ApplicationProperties["version"]);
        Assert.Equal(time.GetUtcNow() + TestBroker.TimeToLive, message.ExpiresAt);
        Assert.True(Guid.TryParse(message.LockToken, out _));
    }

    [Fact]
    public async Task Message_sent_without_message_id_gets_a_new_guid_in_n_format()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Orders));

        await broker.SendAsync(TestBroker.Orders, "first");
        await broker.SendAsync(TestBroker.Orders, "second");
        await broker.SettleAsync();

        Assert.Equal(2, recorder.Deliveries.Count);
        Assert.All(recorder.Deliveries, m => Assert.True(Guid.TryParseExact(m.MessageId, "N", out _), m.MessageId));
        Assert.NotEqual(recorder.Deliveries[0].MessageId, recorder.Deliveries[1].MessageId);
    }

    [Fact]
    public async Task Sending_to_an_unknown_entity_throws_naming_it()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broker.SendAsync("nope", "x"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broker.SendAsync(TestBroker.SubscriptionA, "x"));
    }

    [Fact]
    public async Task Messages_sent_before_a_trigger_starts_wait_for_it()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();

        await broker.SendAsync(TestBroker.Plain, "early");

        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Plain));
        Assert.Empty(recorder.Deliveries);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SettleAsync();
        Assert.Equal(["early"], recorder.Bodies);
    }
}
