using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class IdleTests
{
    [Fact]
    public async Task Wait_for_idle_does_not_complete_while_a_handler_chain_is_still_sending_and_processing()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        var downstreamRelease = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstream = new MessageRecorder(async m =>
        {
            await broker.SendAsync(TestBroker.Events, new BrokerMessage($"from {m.Body}"));
            return InvocationOutcome.Success;
        });
        var downstream = new MessageRecorder(_ => downstreamRelease.Task);
        var other = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(upstream.Trigger(TestBroker.Plain));
        await using ServiceBusTriggers triggers2 = await sb.StartTriggersAsync(downstream.Trigger(TestBroker.SubscriptionA));
        await using ServiceBusTriggers triggers3 = await sb.StartTriggersAsync(other.Trigger(TestBroker.SubscriptionB));

        await broker.SendAsync(TestBroker.Plain, "start");
        Task idle = broker.WaitForIdleAsync(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => downstream.Deliveries.Count == 1);
        await Task.Delay(50);
        Assert.False(idle.IsCompleted);

        downstreamRelease.SetResult(InvocationOutcome.Success);
        await idle.WaitAsync(TestBroker.TestTimeout);
        Assert.Equal(["from start"], other.Bodies);
    }

    [Fact]
    public async Task Wait_for_idle_is_exact_across_many_handler_chains()
    {
        // Real time and concurrency: each handler sends the next hop through the client (AMQP) and then completes;
        // idle must see the last hop done, never the gap between one hop's completion and the next hop's delivery.
        await using TestEndpoint sb = TestEndpoint.Start();
        ServiceBusEmulator broker = sb.Broker;
        await using ServiceBusSender sender = sb.Client.CreateSender(TestBroker.Plain);
        int completedHops = 0;
        var hop = new MessageRecorder(async m =>
        {
            int remaining = int.Parse(m.Body.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            if (remaining > 0)
            {
                await sender.SendMessageAsync(new ServiceBusMessage((remaining - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            Interlocked.Increment(ref completedHops);
            return InvocationOutcome.Success;
        });
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(hop.Trigger(TestBroker.Plain, 4));

        for (int round = 0; round < 20; round++)
        {
            int before = Volatile.Read(ref completedHops);
            await broker.SendAsync(TestBroker.Plain, "5");
            await broker.SendAsync(TestBroker.Plain, "3");
            await broker.WaitForIdleAsync(TestBroker.TestTimeout);
            Assert.Equal(before + 6 + 4, Volatile.Read(ref completedHops));
        }
    }

    [Fact]
    public async Task Wait_for_idle_waits_for_a_handler_whose_lock_was_lost_even_after_the_message_was_completed()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var firstRelease = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? firstRelease.Task : Task.FromResult(InvocationOutcome.Success));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain, 2));
        await broker.SendAsync(TestBroker.Plain, "slow");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        time.Advance(TestBroker.LockDuration);
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 2 && broker.ActiveMessageCount(TestBroker.Plain) == 0);
        Task idle = broker.WaitForIdleAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(50);
        Assert.False(idle.IsCompleted);  // the first handler still runs and could still send

        firstRelease.SetResult(InvocationOutcome.Success);
        await idle.WaitAsync(TestBroker.TestTimeout);
    }

    [Fact]
    public async Task Wait_for_idle_times_out_naming_what_is_still_pending()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        await broker.SendAsync(TestBroker.Plain, "nobody listens");

        Task idle = broker.WaitForIdleAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => idle.WaitAsync(TestBroker.TestTimeout));

        Assert.Contains("plain: 1 available", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_idle_counts_scheduled_messages_due_within_the_timeout_only()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var recorder = new MessageRecorder();
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, new BrokerMessage("in 1 min", ScheduledEnqueueTimeUtc: time.GetUtcNow().AddMinutes(1)));

        await broker.WaitForIdleAsync(TimeSpan.FromSeconds(59)).WaitAsync(TestBroker.TestTimeout);
        Task idle = broker.WaitForIdleAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(50);
        Assert.False(idle.IsCompleted);

        time.Advance(TimeSpan.FromMinutes(1));
        await idle.WaitAsync(TestBroker.TestTimeout);
        Assert.Equal(["in 1 min"], recorder.Bodies);
    }

    [Fact]
    public async Task Wait_for_idle_completes_at_once_when_nothing_is_pending()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;

        Task idle = broker.WaitForIdleAsync(TimeSpan.FromHours(1));

        Assert.True(idle.IsCompletedSuccessfully);
        await idle;
    }
}
