using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Functions;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Concurrent_handler_calls_reach_but_never_exceed_max_concurrent_calls(int maxConcurrentCalls)
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        ServiceBusEmulator broker = sb.Broker;
        int running = 0;
        int maxSeen = 0;
        var recorder = new MessageRecorder(async _ =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxSeen, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref running);
            return InvocationOutcome.Success;
        });
        for (int i = 0; i < 8; i++)
        {
            await broker.SendAsync(TestBroker.Plain, $"m{i}");
        }

        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(recorder.Trigger(TestBroker.Plain, maxConcurrentCalls));
        await broker.SettleAsync();

        Assert.Equal(8, recorder.Deliveries.Count);
        Assert.Equal(maxConcurrentCalls, maxSeen);
    }

    [Fact]
    public async Task Two_triggers_on_one_entity_compete_and_each_message_is_handled_once()
    {
        await using TestEndpoint sb = TestEndpoint.Start(new ManualTimeProvider());
        var first = new MessageRecorder();
        var second = new MessageRecorder();
        for (int i = 0; i < 20; i++)
        {
            await sb.Broker.SendAsync(TestBroker.Plain, $"m{i}");
        }

        await using ServiceBusTriggers triggers = await sb.StartTriggersAsync(first.Trigger(TestBroker.Plain, 2), second.Trigger(TestBroker.Plain, 2));
        await sb.SettleAsync();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}").Order(StringComparer.Ordinal), first.Bodies.Concat(second.Bodies).Order(StringComparer.Ordinal));
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
