using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Npvr.Funding.LocalHost.Timers;

/// <summary>
/// Runs callbacks on NCRONTAB schedules, like the Functions timer trigger: one run at a time per timer, a failed run
/// is logged and not retried, and the next run is the schedule's next occurrence after the previous run ends
/// (occurrences missed while a run was still going are skipped). All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TimerScheduler(TimeProvider? time = null, ILogger? logger = null) : IAsyncDisposable
{
    /// <summary>A run starting later than this after its occurrence is reported as past due.</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly List<ScheduledTimer> _timers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task[] _loops = [];
    private bool _disposed;

    /// <summary>Adds a timer; allowed only before <see cref="StartAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Already started, or a timer of that name exists.</exception>
    public void Add(string name, CrontabSchedule schedule, Func<TimerFiring, CancellationToken, Task> callback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (_loops.Length > 0 || _stopping.IsCancellationRequested)
            {
                throw new InvalidOperationException("Timers can only be added before the scheduler starts.");
            }

            if (_timers.Exists(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"A timer named '{name}' was already added.");
            }

            _timers.Add(new ScheduledTimer(name, schedule, callback));
        }
    }

    /// <summary>Starts every timer; the first run of each is its schedule's next occurrence after now.</summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_loops.Length > 0)
            {
                throw new InvalidOperationException("The scheduler was already started.");
            }

            _loops = [.. _timers.Select(timer => Task.Run(() => RunAsync(timer, _stopping.Token), CancellationToken.None))];
        }

        return Task.CompletedTask;
    }

    /// <summary>Cancels waits and running callbacks (through their token) and waits for every timer to end.</summary>
    public async Task StopAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            loops = _loops;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(loops);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await StopAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync(ScheduledTimer timer, CancellationToken stopping)
    {
        DateTimeOffset? lastUtc = null;
        DateTimeOffset nextUtc = timer.Schedule.GetNextOccurrence(_time.GetUtcNow());

        // Ends when stopping is requested; each pass waits for a strictly later occurrence, so it never spins.
        while (!stopping.IsCancellationRequested)
        {
            if (!await WaitUntilAsync(nextUtc, stopping))
            {
                return;
            }

            DateTimeOffset startedUtc = _time.GetUtcNow();
            DateTimeOffset followingUtc = timer.Schedule.GetNextOccurrence(nextUtc);
            var firing = new TimerFiring(timer.Name, nextUtc, lastUtc, followingUtc, startedUtc - nextUtc > PastDueTolerance);
            await InvokeAsync(timer, firing, stopping);
            lastUtc = nextUtc;
            nextUtc = timer.Schedule.GetNextOccurrence(Max(nextUtc, _time.GetUtcNow()));
        }
    }

    /// <summary>Waits on the time provider until <paramref name="dueUtc"/>; false when stopped first.</summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset dueUtc, CancellationToken stopping)
    {
        // Timers reject waits beyond ~49 days, so a far occurrence is reached in bounded steps of a day.
        TimeSpan step = TimeSpan.FromDays(1);
        int maxSteps = (int)Math.Min(int.MaxValue, Math.Ceiling((dueUtc - _time.GetUtcNow()) / step) + 2);
        for (int i = 0; i < maxSteps; i++)
        {
            TimeSpan remaining = dueUtc - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return true;
            }

            try
            {
                await Task.Delay(remaining < step ? remaining : step, _time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return false;
            }
        }

        return _time.GetUtcNow() >= dueUtc;
    }

    private async Task InvokeAsync(ScheduledTimer timer, TimerFiring firing, CancellationToken stopping)
    {
        try
        {
            await timer.Callback(firing, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _logger.LogInformation("Timer {TimerName}: run for {ScheduledTime:O} cancelled by stop", timer.Name, firing.ScheduledTimeUtc);
        }
#pragma warning disable CA1031 // As in the Functions host, a failed timer run is logged and the schedule goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Timer {TimerName}: run for {ScheduledTime:O} failed; next run on schedule", timer.Name, firing.ScheduledTimeUtc);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private sealed record ScheduledTimer(string Name, CrontabSchedule Schedule, Func<TimerFiring, CancellationToken, Task> Callback);
}
