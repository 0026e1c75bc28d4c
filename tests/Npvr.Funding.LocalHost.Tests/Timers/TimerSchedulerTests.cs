using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Tests.Support;
using Npvr.Funding.LocalHost.Timers;

namespace Npvr.Funding.LocalHost.Tests.Timers;

public sealed class TimerSchedulerTests
{
    private static readonly CrontabSchedule EveryTenSeconds = CrontabSchedule.Parse("*/10 * * * * *");

    [Fact]
    public async Task Callback_runs_at_each_occurrence_with_last_and_next_times()
    {
        var time = new ManualTimeProvider();
        DateTimeOffset startUtc = time.GetUtcNow();
        var firings = new ConcurrentQueue<TimerFiring>();
        await using var scheduler = new TimerScheduler(time);
        scheduler.Add("sweep", EveryTenSeconds, (firing, _) => Record(firings, firing));
        await scheduler.StartAsync();

        await AdvanceThroughOccurrencesAsync(time, firings, count: 3);

        Assert.Equal([10, 20, 30], firings.Select(f => (int)(f.ScheduledTimeUtc - startUtc).TotalSeconds));
        Assert.Equal([null, startUtc.AddSeconds(10), startUtc.AddSeconds(20)], firings.Select(f => f.LastScheduledTimeUtc));
        Assert.All(firings, f => Assert.Equal(f.ScheduledTimeUtc.AddSeconds(10), f.NextScheduledTimeUtc));
        Assert.All(firings, f => Assert.False(f.IsPastDue));
        Assert.All(firings, f => Assert.Equal("sweep", f.Name));
    }

    [Fact]
    public async Task Failing_callback_is_logged_and_the_schedule_goes_on()
    {
        var time = new ManualTimeProvider();
        var logger = new ListLogger();
        var firings = new ConcurrentQueue<TimerFiring>();
        await using var scheduler = new TimerScheduler(time, logger);
        scheduler.Add("flaky", EveryTenSeconds, (firing, _) =>
        {
            firings.Enqueue(firing);
            return firings.Count == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        });
        await scheduler.StartAsync();

        await AdvanceThroughOccurrencesAsync(time, firings, count: 2);

        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("flaky", error.Message, StringComparison.Ordinal);
        Assert.Equal("boom", error.Exception?.Message);
    }

    [Fact]
    public async Task Stopped_scheduler_runs_no_more_callbacks()
    {
        var time = new ManualTimeProvider();
        var firings = new ConcurrentQueue<TimerFiring>();
        var scheduler = new TimerScheduler(time);
        scheduler.Add("sweep", EveryTenSeconds, (firing, _) => Record(firings, firing));
        await scheduler.StartAsync();
        await AdvanceThroughOccurrencesAsync(time, firings, count: 1);

        await scheduler.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(50);

        Assert.Single(firings);
        await scheduler.DisposeAsync();
        Assert.Throws<InvalidOperationException>(() => scheduler.Add("late", EveryTenSeconds, (_, _) => Task.CompletedTask));
    }

    [Fact]
    public async Task Timers_cannot_be_added_after_start_or_twice_under_one_name()
    {
        await using var scheduler = new TimerScheduler(new ManualTimeProvider());
        scheduler.Add("a", EveryTenSeconds, (_, _) => Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => scheduler.Add("A", EveryTenSeconds, (_, _) => Task.CompletedTask));
        await scheduler.StartAsync();
        Assert.Throws<InvalidOperationException>(() => scheduler.Add("b", EveryTenSeconds, (_, _) => Task.CompletedTask));
    }

    private static Task Record(ConcurrentQueue<TimerFiring> firings, TimerFiring firing)
    {
        firings.Enqueue(firing);
        return Task.CompletedTask;
    }

    /// <summary>Advances one occurrence at a time, each time after the scheduler's loop has armed its wait.</summary>
    private static async Task AdvanceThroughOccurrencesAsync(ManualTimeProvider time, ConcurrentQueue<TimerFiring> firings, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            await Eventually.TrueAsync(() => time.PendingTimerCount == 1);
            time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.TrueAsync(() => firings.Count == i);
        }
    }
}
