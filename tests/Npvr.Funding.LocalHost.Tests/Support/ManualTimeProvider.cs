namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>; due timers fire then,
/// in due-time order, on the calling thread and outside this class's lock.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset startUtc) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _nowUtc = startUtc;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _nowUtc;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers currently waiting for a due time (so a test knows a background loop has armed its wait).</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueUtc is not null);
            }
        }
    }

    /// <summary>
    /// Moves the clock forward without firing the timers that fall due (they fire at the next <see cref="Advance"/>), as
    /// a thread-pool timer runs late on a busy machine while the clock goes on.
    /// </summary>
    public void AdvanceBeforeTimersRun(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _nowUtc += by;
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way at its due time.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset targetUtc = GetUtcNow() + by;

        // Each pass fires one timer occurrence; a periodic timer with a tiny period is the only way to exceed this.
        for (int fired = 0; fired < 100_000; fired++)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueUtc is { } due && due <= targetUtc).MinBy(t => t.DueUtc);
                if (next is null)
                {
                    _nowUtc = targetUtc;
                    return;
                }

                _nowUtc = next.DueUtc!.Value > _nowUtc ? next.DueUtc.Value : _nowUtc;
                next.DueUtc = next.Period > TimeSpan.Zero ? _nowUtc + next.Period : null;
            }

            next.Fire();
        }

        throw new InvalidOperationException("Too many timer firings in one Advance.");
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueUtc { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                DueUtc = dueTime == Timeout.InfiniteTimeSpan ? null : owner._nowUtc + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
