using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Timers;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>Runs every timer-triggered function on its NCRONTAB schedule (UTC). A failed run is not retried, as in Azure.</summary>
internal sealed class TimerTriggers(HandlerInvoker invoker, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private readonly TimerScheduler _scheduler = new(clock, logger);

    public Task StartAsync(IEnumerable<RunningApp> apps)
    {
        foreach (var app in apps)
        {
            foreach (var function in app.Functions.Where(f => f.IsTimer))
            {
                // Every app has a SweepOutbox: the timer is named by app and function.
                _scheduler.Add($"{app.Name}/{function.Name}", CrontabSchedule.Parse(function.Schedule), async (firing, ct) =>
                {
                    var last = firing.LastScheduledTimeUtc ?? DateTimeOffset.MinValue;
                    var (data, metadata) = TriggerPayloads.Timer(function, last, firing.NextScheduledTimeUtc, firing.IsPastDue);
                    await invoker.InvokeAsync(function, app.HandlerUrl, data, metadata, ct);
                });
            }
        }
        return _scheduler.StartAsync();
    }

    public ValueTask DisposeAsync() => _scheduler.DisposeAsync();
}
