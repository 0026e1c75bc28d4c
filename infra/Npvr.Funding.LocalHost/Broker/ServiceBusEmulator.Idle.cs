namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// Idle detection for tests: no message available or locked in any entity, none scheduled within the wait, and no
/// invocation in flight. An invocation is announced by whoever runs handlers (the local host's triggers) from the
/// moment it holds a locked message until that message is settled, so "locked" and "in flight" overlap and a
/// handler that sends and then completes never looks idle in between.
/// </summary>
public sealed partial class ServiceBusEmulator
{
    private readonly List<IdleWaiter> _idleWaiters = [];
    private int _invocationsInFlight;

    /// <summary>
    /// Completes when nothing is pending (see the class remarks). Judged under the same lock that sends, settles and
    /// ends invocations, so nothing a handler did before its message was settled is missed. Dead letters do not count.
    /// The timeout runs on the emulator's <see cref="TimeProvider"/>.
    /// </summary>
    /// <exception cref="TimeoutException">Still busy after <paramref name="timeout"/>; the message lists what is pending.</exception>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        IdleWaiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            OnStateChanged(nowUtc);
            waiter = new IdleWaiter(nowUtc + timeout);
            if (IsIdle(waiter.DeadlineUtc))
            {
                return;
            }

            _idleWaiters.Add(waiter);
        }

        using (var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            Task delay = Task.Delay(timeout, _time, delayCancellation.Token);
            await Task.WhenAny(waiter.Idle.Task, delay);
            await delayCancellation.CancelAsync();
        }

        lock (_gate)
        {
            _idleWaiters.Remove(waiter);
            if (waiter.Idle.Task.IsCompletedSuccessfully)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            ct.ThrowIfCancellationRequested();
            if (IsIdle(waiter.DeadlineUtc))
            {
                return;
            }

            throw new TimeoutException(
                $"The Service Bus emulator was not idle after {timeout}; pending: {DescribePending(waiter.DeadlineUtc)}.");
        }
    }

    /// <summary>
    /// Announces an invocation in flight until the returned scope is disposed. Begin it once the message is received
    /// (it is locked until then) and end it after the message was settled.
    /// </summary>
    internal IDisposable BeginInvocation()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _invocationsInFlight++;
        }

        return new InvocationScope(this);
    }

    private void EndInvocation()
    {
        lock (_gate)
        {
            _invocationsInFlight--;
            OnStateChanged(_time.GetUtcNow());
        }
    }

    private bool IsIdle(DateTimeOffset deadlineUtc) =>
        _invocationsInFlight == 0 && _entities.Values.All(entity => entity.DescribePending(deadlineUtc) is null);

    private string DescribePending(DateTimeOffset deadlineUtc)
    {
        IEnumerable<string> pending = _entities.Values.Select(entity => entity.DescribePending(deadlineUtc)).OfType<string>();
        return string.Join("; ", _invocationsInFlight == 0 ? pending : pending.Prepend($"{_invocationsInFlight} invocation(s) in flight"));
    }

    private void ReleaseIdleWaiters()
    {
        for (int i = _idleWaiters.Count - 1; i >= 0; i--)
        {
            if (IsIdle(_idleWaiters[i].DeadlineUtc))
            {
                _idleWaiters[i].Idle.TrySetResult();
                _idleWaiters.RemoveAt(i);
            }
        }
    }

    private void FailIdleWaiters()
    {
        foreach (IdleWaiter waiter in _idleWaiters)
        {
            waiter.Idle.TrySetException(new ObjectDisposedException(nameof(ServiceBusEmulator)));
        }

        _idleWaiters.Clear();
    }

    private sealed class IdleWaiter(DateTimeOffset deadlineUtc)
    {
        public DateTimeOffset DeadlineUtc { get; } = deadlineUtc;

        // Continuations run outside the emulator's lock, never inline in the thread that settled a message.
        public TaskCompletionSource Idle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class InvocationScope(ServiceBusEmulator emulator) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                emulator.EndInvocation();
            }
        }
    }
}
