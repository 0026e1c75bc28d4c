using Npvr.Funding.LocalHost.Azurite;
using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class DuplicateDetectionTests
{
    [Fact]
    public async Task Message_id_sent_again_within_the_window_is_accepted_and_dropped()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Orders));

        await broker.SendAsync(TestBroker.Orders, "original", "dup-1");
        await broker.SettleAsync();
        time.Advance(TestBroker.DuplicateWindow - TimeSpan.FromSeconds(1));
        await broker.SendAsync(TestBroker.Orders, "copy", "dup-1");
        await broker.SettleAsync();

        Assert.Equal(["original"], recorder.Bodies);
    }

    [Fact]
    public async Task Message_id_sent_again_after_the_window_is_delivered_again()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Orders));

        await broker.SendAsync(TestBroker.Orders, "original", "dup-1");
        await broker.SettleAsync();
        time.Advance(TestBroker.DuplicateWindow);
        await broker.SendAsync(TestBroker.Orders, "later", "dup-1");
        await broker.SettleAsync();

        Assert.Equal(["original", "later"], recorder.Bodies);
    }

    [Fact]
    public async Task Entity_without_duplicate_detection_delivers_every_send()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        await broker.SendAsync(TestBroker.Plain, "one", "same");
        await broker.SendAsync(TestBroker.Plain, "two", "same");
        await broker.SettleAsync();

        Assert.Equal(["one", "two"], recorder.Bodies);
    }

    [Fact]
    public async Task Duplicate_detection_on_a_topic_drops_the_copy_for_every_subscription()
    {
        // The repository's topology: funding-events has duplicate detection, as deployed.
        await using ServiceBusEmulator broker = ServiceBusEmulator.FromTopologyFile(
            Path.Combine(RepositoryRoot.InfraDirectory(), "topology.json"), new ManualTimeProvider());

        await broker.SendAsync("funding-events", new BrokerMessage("one", "same"));
        await broker.SendAsync("funding-events", new BrokerMessage("two", "same"));

        Assert.Equal(1, broker.ActiveMessageCount("funding-events/Subscriptions/spending-journal"));
        Assert.Equal(1, broker.ActiveMessageCount("funding-events/Subscriptions/allocation-events"));
    }
}
