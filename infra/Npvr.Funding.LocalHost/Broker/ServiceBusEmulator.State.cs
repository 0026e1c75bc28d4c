namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Time and change: the wake timer, the one place changes are applied, and disposal.</summary>
public sealed partial class ServiceBusEmulator
{
    // Timer periods beyond ~49 days are rejected by System.Threading.Timer; a periodic re-check is harmless.
    private static readonly TimeSpan MaxWakeDelay = TimeSpan.FromHours(1);

    private bool _wokenByTimer;

    /// <summary>Releases the timer and fails pending idle waits; later calls other than dispose throw.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            FailIdleWaiters();
        }

        await _wakeTimer.DisposeAsync();
    }

    /// <summary>
    /// Called under the lock after anything changed: applies time, re-arms the wake timer, tells receivers when a
    /// message may have become deliverable, and releases idle waiters, so idleness is judged on one state.
    /// </summary>
    private void OnStateChanged(DateTimeOffset nowUtc)
    {
        if (_disposed)
        {
            return;
        }

        bool deliverable = _wokenByTimer;
        _wokenByTimer = false;
        foreach (MessageEntity entity in _entities.Values)
        {
            entity.Advance(nowUtc);
            deliverable |= entity.DeliverableChanged || entity.DeadLetterQueue!.DeliverableChanged;
            deliverable |= entity.TakeEndedHold(nowUtc) | entity.DeadLetterQueue!.TakeEndedHold(nowUtc);
            entity.DeliverableChanged = false;
            entity.DeadLetterQueue!.DeliverableChanged = false;
        }

        if (deliverable)
        {
            NotifyDeliverable();
        }

        RearmWakeTimer(nowUtc);
        ReleaseIdleWaiters();
    }

    private void OnWakeTimer()
    {
        lock (_gate)
        {
            // A fault's hold (delay, reorder) may have ended: receivers waiting with credit must ask again.
            _wokenByTimer = true;
            OnStateChanged(_time.GetUtcNow());
        }
    }

    private void RearmWakeTimer(DateTimeOffset nowUtc)
    {
        DateTimeOffset? wakeUtc = null;
        foreach (MessageEntity entity in _entities.Values)
        {
            if (entity.NextWakeUtc(nowUtc) is { } candidate && (wakeUtc is null || candidate < wakeUtc))
            {
                wakeUtc = candidate;
            }
        }

        if (wakeUtc is null)
        {
            _wakeTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // Rounded up to whole milliseconds: a timer rounding down would fire early and re-arm with zero, repeatedly.
        double delayMilliseconds = Math.Ceiling((wakeUtc.Value - nowUtc).TotalMilliseconds);
        TimeSpan delay = TimeSpan.FromMilliseconds(Math.Min(delayMilliseconds, MaxWakeDelay.TotalMilliseconds));
        _wakeTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
