using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Concurrent_handler_calls_reach_but_never_exceed_max_concurrent_calls(int maxConcurrentCalls)
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        int running = 0;
        int maxSeen = 0;
        var recorder = new MessageRecorder(async _ =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxSeen, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref running);
            return DeliveryOutcome.Success;
        });
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync, maxConcurrentCalls);
        for (int i = 0; i < 8; i++)
        {
            await broker.SendAsync(TestBroker.Plain, $"m{i}");
        }

        await broker.StartAsync();
        await broker.SettleAsync();

        Assert.Equal(8, recorder.Deliveries.Count);
        Assert.Equal(maxConcurrentCalls, maxSeen);
    }

    [Fact]
    public async Task Registering_a_second_processor_for_an_entity_is_refused()
    {
        await using ServiceBusEmulator broker = TestBroker.Create(new ManualTimeProvider());
        var recorder = new MessageRecorder();
        broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync);

        Assert.Throws<InvalidOperationException>(() => broker.RegisterProcessor(TestBroker.Plain, recorder.HandleAsync));
        Assert.Throws<InvalidOperationException>(() => broker.RegisterProcessor("events", recorder.HandleAsync));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
