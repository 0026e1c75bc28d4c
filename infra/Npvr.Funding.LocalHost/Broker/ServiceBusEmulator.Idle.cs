namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Idle detection for tests: nothing available, locked, running, or scheduled within the wait.</summary>
public sealed partial class ServiceBusEmulator
{
    private readonly List<IdleWaiter> _idleWaiters = [];

    /// <summary>
    /// Completes when no entity has an available message, a locked message, a running handler (even one whose lock
    /// was lost) or a scheduled message due before the timeout ends. Judged under the same lock that settles and
    /// sends, so a handler's sends made before its task completes are never missed. Messages in an entity without a
    /// processor count as pending. The timeout runs on the emulator's <see cref="TimeProvider"/>.
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
                $"The Service Bus emulator was not idle after {timeout}{(_started ? string.Empty : " (processing not started)")}; "
                + $"pending: {DescribePending(waiter.DeadlineUtc)}.");
        }
    }

    private bool IsIdle(DateTimeOffset deadlineUtc) =>
        _entities.Values.All(entity => entity.DescribePending(deadlineUtc) is null);

    private string DescribePending(DateTimeOffset deadlineUtc) =>
        string.Join("; ", _entities.Values.Select(entity => entity.DescribePending(deadlineUtc)).OfType<string>());

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
}
