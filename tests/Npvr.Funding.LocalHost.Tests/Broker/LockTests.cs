using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class LockTests
{
    [Fact]
    public async Task Lost_lock_makes_the_message_available_again_and_the_late_completion_is_refused()
    {
        var time = new ManualTimeProvider();
        await using ServiceBusEmulator broker = TestBroker.Create(time, maxAutoLockRenewal: TimeSpan.Zero);
        var firstDeliveryRelease = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? firstDeliveryRelease.Task : Task.FromResult(DeliveryOutcome.Success));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);
        await broker.StartAsync();
        await broker.SendAsync(TestBroker.Plain, "slow", "s-1");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        time.Advance(TestBroker.LockDuration);
        Assert.Equal(1, broker.ActiveMessageCount(TestBroker.Plain));  // available again, not locked
        firstDeliveryRelease.SetResult(DeliveryOutcome.Success);       // completion with the lost lock
        await broker.SettleAsync();

        Assert.Equal([1, 2], recorder.Deliveries.Select(m => m.DeliveryCount));
        Assert.All(recorder.Deliveries, m => Assert.Equal("s-1", m.MessageId));
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Lock_is_renewed_while_the_handler_runs_up_to_the_max_renewal_duration()
    {
        var time = new ManualTimeProvider();
        await using ServiceBusEmulator broker = TestBroker.Create(time, maxAutoLockRenewal: TimeSpan.FromMinutes(5));
        var release = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(m => m.DeliveryCount == 1 ? release.Task : Task.FromResult(DeliveryOutcome.Success));
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync, maxConcurrentCalls: 2);
        await broker.StartAsync();
        await broker.SendAsync(TestBroker.Plain, "long-running");
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 1);

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Single(recorder.Deliveries);  // well past lockDuration (30 s), still held

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => recorder.Deliveries.Count == 2);  // renewal limit reached: lock lost, redelivered
        release.SetResult(DeliveryOutcome.Success);
        await broker.SettleAsync();
        Assert.Equal(0, broker.ActiveMessageCount(TestBroker.Plain));
    }

    [Fact]
    public async Task Message_whose_lock_is_lost_too_often_is_dead_lettered_with_the_lock_reason()
    {
        var time = new ManualTimeProvider();
        await using ServiceBusEmulator broker = TestBroker.Create(time, maxAutoLockRenewal: TimeSpan.Zero);
        var never = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new MessageRecorder(_ => never.Task);
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync, maxConcurrentCalls: 5);
        await broker.StartAsync();
        await broker.SendAsync(TestBroker.Plain, "stuck");

        for (int delivery = 1; delivery <= TestBroker.MaxDeliveryCount; delivery++)
        {
            await Eventually.TrueAsync(() => recorder.Deliveries.Count == delivery);
            time.Advance(TestBroker.LockDuration);
        }

        DeadLetteredMessage dead = Assert.Single(broker.DeadLetters(TestBroker.Plain));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("lock expired", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        never.SetResult(DeliveryOutcome.Success);
        await broker.SettleAsync();
    }
}
