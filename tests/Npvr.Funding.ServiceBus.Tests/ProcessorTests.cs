using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

[Collection(ServiceBusCollection.Name)]
public sealed class ProcessorTests(ServiceBusTarget target)
{
    private const int MessageCount = 500;
    private const int MaxConcurrentCalls = 16;

    [Fact]
    public async Task A_processor_with_16_concurrent_calls_handles_every_message_exactly_once()
    {
        await using ServiceBusSender sender = target.Client.CreateSender("processor");
        string[] ids = [.. Enumerable.Range(0, MessageCount).Select(_ => Receive.NewId())];
        foreach (string[] chunk in ids.Chunk(100))
        {
            await sender.SendMessagesAsync(chunk.Select(id => new ServiceBusMessage(id) { MessageId = id }));
        }

        var handled = new ConcurrentDictionary<string, int>();
        var errors = new ConcurrentQueue<Exception>();
        int running = 0;
        int maxRunning = 0;
        var allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ServiceBusProcessor processor = target.Client.CreateProcessor("processor", new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = MaxConcurrentCalls,
            AutoCompleteMessages = true,
        });
        processor.ProcessMessageAsync += async args =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Delay(5, args.CancellationToken); // a handler that takes a moment lets calls overlap
            Interlocked.Decrement(ref running);
            if (handled.AddOrUpdate(args.Message.MessageId, 1, (_, n) => n + 1) == 1 && handled.Count == MessageCount)
            {
                allHandled.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Enqueue(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await allHandled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal(ids.Order(), handled.Keys.Order());
        Assert.All(handled.Values, count => Assert.Equal(1, count));
        Assert.InRange(maxRunning, 2, MaxConcurrentCalls);
        Assert.True(await Receive.IsEmptyAsync(target.Client, "processor"), "every message was auto-completed");
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int current = Volatile.Read(ref location);

        // Bounded by contention: each failed exchange means another thread raised the value meanwhile.
        while (value > current && Interlocked.CompareExchange(ref location, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
