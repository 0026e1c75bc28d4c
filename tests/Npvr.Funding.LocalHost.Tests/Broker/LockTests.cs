using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class LockTests
{
    [Fact]
    public async Task Lost_lock_makes_the_message_available_again_and_the_late_completion_is_refused()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var firstDeliveryRelease = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? firstDeliveryRelease.Task : Task.FromResult(InvocationOutcome.Success));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain));
        await broker.SendAsync(TestBroker.Plain, "slow", "s-1");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        time.Advance(TestBroker.LockDuration);
        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Plain));  // available again, not locked
        firstDeliveryRelease.SetResult(InvocationOutcome.Success);       // completion with the lost lock
        await broker.SettleAsync();

        Assert.Equal([1, 2], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.All(recorder.Deliveries, m => Assert.Equal("s-1", m.MessageId));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Lock_is_renewed_while_the_trigger_runs_and_lost_after_the_max_renewal_duration()
    {
        // Real time: the client renews on its own clock. A 1 s lock, renewed for at most 2 s, by a trigger that runs 4 s.
        await using TestEndpoint sb = TestEndpoint.Start(topologyJson: OneSecondLockTopology);
        var release = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? release.Task : Task.FromResult(InvocationOutcome.Success));
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(
            recorder.Trigger("short-lock", maxConcurrentCalls: 2, maxAutoLockRenewal: TimeSpan.FromSeconds(2)));
        await sb.Broker.SendAsync("short-lock", "long-running");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the first lock's end: renewed, so still held
        int deliveriesWhileRenewed = recorder.Deliveries.Count;
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 2); // renewal stopped at 2 s: lock lost, redelivered
        release.SetResult(InvocationOutcome.Success);
        await sb.Broker.WaitForIdleAsync(TestBroker.TestTimeout);

        Assert.Equal(1, deliveriesWhileRenewed);
        Assert.Equal([1, 2], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.Equal(0, sb.Broker.ActiveMessageCount("short-lock"));
    }

    [Fact]
    public async Task Message_whose_lock_is_lost_too_often_is_dead_lettered_with_the_lock_reason()
    {
        var time = new ManualTimeProvider();
        await using TestEndpoint sb = TestEndpoint.Start(time);
        ServiceBusEmulator broker = sb.Broker;
        var never = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(_ => never.Task);
        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain, 5));
        await broker.SendAsync(TestBroker.Plain, "stuck");

        for (int delivery = 1; delivery <= TestBroker.MaxDeliveryCount; delivery++)
        {
            await Eventually.TrueAsync(() => recorder.Deliveries.Count == delivery);
            time.Advance(TestBroker.LockDuration);
        }

        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("lock expired", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        never.SetResult(InvocationOutcome.Success);
        await broker.SettleAsync();
    }

    private const string OneSecondLockTopology = """
        { "queues": [ { "name": "short-lock", "properties": { "lockDuration": "PT1S", "maxDeliveryCount": 5 } } ] }
        """;
}
