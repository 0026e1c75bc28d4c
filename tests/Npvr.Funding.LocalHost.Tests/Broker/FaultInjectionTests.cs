using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Duplicate_fault_delivers_each_of_the_next_messages_twice_with_the_same_message_id()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.DuplicateNextDeliveries(TestBroker.Orders, 2);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Orders));

        foreach (string id in new[] { "a", "b", "c" })
        {
            await broker.SendAsync(TestBroker.Orders, $"body {id}", id);
        }

        await broker.SettleAsync();

        Assert.Equal(["a", "a", "b", "b", "c"], recorder.Deliveries.Select(m => m.MessageId));
        Assert.Equal(recorder.Deliveries[0].SequenceNumber, recorder.Deliveries[1].SequenceNumber);
        Assert.Equal(recorder.Deliveries[0].Body.ToString(), recorder.Deliveries[1].Body.ToString());
        Assert.NotEqual(recorder.Deliveries[0].LockToken, recorder.Deliveries[1].LockToken);
        Assert.All(recorder.Deliveries, m => Assert.Equal(1, m.DeliveryCount));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Orders));
    }

    [Fact]
    public async Task Reverse_fault_delivers_the_next_messages_in_reverse_order()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.ReorderNextDeliveries(TestBroker.Plain, 3, DeliveryOrder.Reverse);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));

        // Sent one by one to a running processor: the fault holds them until the batch of 3 is there.
        foreach (string body in new[] { "1", "2", "3", "4" })
        {
            await broker.SendAsync(TestBroker.Plain, body);
        }

        await broker.SettleAsync();

        Assert.Equal(["3", "2", "1", "4"], recorder.Bodies);
    }

    [Fact]
    public async Task Random_reorder_fault_is_a_permutation_that_repeats_for_the_same_seed()
    {
        IReadOnlyList<string> first = await DeliverWithRandomOrderAsync(seed: 42);
        IReadOnlyList<string> second = await DeliverWithRandomOrderAsync(seed: 42);

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"m{i}"), first.Order(StringComparer.Ordinal));
        Assert.NotEqual(Enumerable.Range(0, 8).Select(i => $"m{i}"), first);
    }

    [Fact]
    public async Task Reorder_fault_releases_a_partial_batch_after_its_max_hold()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.ReorderNextDeliveries(TestBroker.Plain, 5, DeliveryOrder.Reverse, maxHold: TimeSpan.FromSeconds(2));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, "x");
        await broker.SendAsync(TestBroker.Plain, "y");

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Empty(recorder.Deliveries);
        time.Advance(TimeSpan.FromSeconds(1));
        await broker.SettleAsync();

        Assert.Equal(["y", "x"], recorder.Bodies);
    }

    [Fact]
    public async Task Delay_fault_postpones_each_delivery_by_the_delay()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.DelayDeliveries(TestBroker.Plain, TimeSpan.FromSeconds(10));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, "first");
        await broker.SendAsync(TestBroker.Plain, "second");

        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.Empty(recorder.Deliveries);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);
        await Task.Delay(50);
        Assert.Single(recorder.Deliveries);  // the second waits its own delay after the first went out
        time.Advance(TimeSpan.FromSeconds(10));
        await broker.SettleAsync();

        Assert.Equal(["first", "second"], recorder.Bodies);
        broker.Faults.DelayDeliveries(TestBroker.Plain, TimeSpan.Zero);
        await broker.SendAsync(TestBroker.Plain, "undelayed");
        await broker.SettleAsync();
        Assert.Equal(3, recorder.Deliveries.Count);
    }

    [Fact]
    public async Task A_hold_that_ended_before_its_timer_ran_is_delivered_after_the_next_change_of_any_kind()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.ReorderNextDeliveries(TestBroker.Plain, 4, DeliveryOrder.Reverse, maxHold: TimeSpan.FromSeconds(10));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, "held");
        await Task.Delay(50);
        Assert.Empty(recorder.Deliveries);

        // The clock passes the hold's end before its timer runs, and the broker changes in a way that delivers nothing
        // (here an idle check; a settlement does the same), which re-arms the wake timer for later times only.
        time.AdvanceBeforeTimersRun(TimeSpan.FromSeconds(11));
        await Assert.ThrowsAsync<TimeoutException>(() => broker.WaitForIdleAsync(TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);
        Assert.Equal(["held"], recorder.Bodies);
    }

    [Fact]
    public async Task A_reorder_wait_outlasting_a_delivery_delay_still_wakes_the_receivers_when_it_ends()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.ReorderNextDeliveries(TestBroker.Plain, 4, DeliveryOrder.Reverse, maxHold: TimeSpan.FromSeconds(10));
        broker.Faults.DelayDeliveries(TestBroker.Plain, TimeSpan.FromSeconds(2));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, "x");
        await broker.SendAsync(TestBroker.Plain, "y");

        time.Advance(TimeSpan.FromSeconds(3)); // the delay has ended, the reorder still waits for two more messages
        await Task.Delay(50);
        Assert.Empty(recorder.Deliveries);
        time.Advance(TimeSpan.FromSeconds(8)); // the wait ends; then each delivery waits out its delay
        await Task.Delay(50);
        time.Advance(TimeSpan.FromSeconds(3));

        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 2);
        Assert.Equal(["y", "x"], recorder.Bodies);
    }

    [Fact]
    public async Task Lock_expiry_fault_redelivers_the_message_while_its_first_handler_runs_and_that_handler_loses_its_lock()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var firstRelease = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? firstRelease.Task : Task.FromResult(InvocationOutcome.Success));
        broker.Faults.ExpireLocksMidHandler(TestBroker.Plain, 1);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain, maxConcurrentCalls: 2));
        await broker.SendAsync(TestBroker.Plain, "slow", "s-1");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        time.Advance(TimeSpan.FromMilliseconds(1)); // far inside the entity's 30 s lock duration
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 2); // redelivered while the first handler still runs
        firstRelease.SetResult(InvocationOutcome.Success);               // its completion finds the lock lost
        await broker.SettleAsync();

        Assert.Equal([1, 2], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.All(recorder.Deliveries, m => Assert.Equal("s-1", m.MessageId));
        Assert.Equal(1, broker.Faults.LockExpiriesInjected(TestBroker.Plain));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
        Assert.Empty(broker.DeadLetters(TestBroker.Plain));
    }

    [Fact]
    public async Task Faults_on_one_entity_leave_other_entities_alone()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var a = new MessageRecorder();
        var b = new MessageRecorder();
        broker.Faults.DuplicateNextDeliveries(TestBroker.SubscriptionA, 1);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(a.Trigger(TestBroker.SubscriptionA));
        await using ServiceBusTriggers triggers2 = await sb.StartTriggersAsync(b.Trigger(TestBroker.SubscriptionB));

        await broker.SendAsync(TestBroker.Events, "e");
        await broker.SettleAsync();

        Assert.Equal(2, a.Deliveries.Count);
        Assert.Single(b.Deliveries);
    }

    private static async Task<IReadOnlyList<string>> DeliverWithRandomOrderAsync(int seed)
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        broker.Faults.ReorderNextDeliveries(TestBroker.Plain, 8, DeliveryOrder.Random, seed);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        for (int i = 0; i < 8; i++)
        {
            await broker.SendAsync(TestBroker.Plain, $"m{i}");
        }

        await broker.SettleAsync();
        return recorder.Bodies;
    }
}
