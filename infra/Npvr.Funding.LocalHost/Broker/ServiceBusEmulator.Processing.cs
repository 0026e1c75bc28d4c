using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>Processors: registration, start/stop, event-driven dispatch and settlement.</summary>
public sealed partial class ServiceBusEmulator
{
    // Timer periods beyond ~49 days are rejected by System.Threading.Timer; a periodic re-check is harmless.
    private static readonly TimeSpan MaxWakeDelay = TimeSpan.FromHours(1);

    private readonly Dictionary<long, Task> _handlerTasks = [];
    private CancellationTokenSource _handlerCancellation = new();
    private long _lastHandlerId;
    private bool _started;
    private bool _wokenByTimer;

    /// <summary>
    /// Registers the handler of a queue or subscription, like a Service Bus trigger. A successful outcome completes the
    /// message; a failed outcome or an exception abandons it. Deliveries begin once <see cref="StartAsync"/> was called.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown entity path, or a processor is already registered for it.</exception>
    public void RegisterProcessor(
        string entityPath,
        Func<ReceivedMessage, CancellationToken, Task<DeliveryOutcome>> handler,
        int maxConcurrentCalls = 1)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Entity(entityPath);
            if (entity.Processor is not null)
            {
                throw new InvalidOperationException($"A processor is already registered for '{entity.Path}'.");
            }

            entity.Processor = new EntityProcessor(handler, maxConcurrentCalls);
            OnStateChanged(_time.GetUtcNow());
        }
    }

    /// <summary>Starts delivering to registered processors.</summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_handlerCancellation.IsCancellationRequested)
            {
                _handlerCancellation.Dispose();
                _handlerCancellation = new CancellationTokenSource();
            }

            _started = true;
            OnStateChanged(_time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops new deliveries, cancels the token given to running handlers and waits (up to
    /// <see cref="ServiceBusEmulatorOptions.StopTimeout"/>) for them; their outcomes are still applied. Messages stay.
    /// </summary>
    public async Task StopAsync()
    {
        Task[] running;
        CancellationTokenSource cancellation;
        lock (_gate)
        {
            _started = false;
            running = [.. _handlerTasks.Values];
            cancellation = _handlerCancellation;
        }

        await cancellation.CancelAsync();
        try
        {
            await Task.WhenAll(running).WaitAsync(_options.StopTimeout, _time);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Service Bus emulator stopped with handlers still running after {StopTimeout}", _options.StopTimeout);
        }
    }

    /// <summary>Stops processing and releases the timer; later calls other than dispose throw.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        await StopAsync();
        lock (_gate)
        {
            _disposed = true;
            FailIdleWaiters();
        }

        await _wakeTimer.DisposeAsync();
        _handlerCancellation.Dispose();
    }

    /// <summary>
    /// Called under the lock after anything changed: applies time, delivers what can be delivered, re-arms the wake
    /// timer and releases idle waiters. This is the only place deliveries start, so idleness is judged on one state.
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
            if (_started && entity.Processor is { } processor)
            {
                Dispatch(entity, processor, nowUtc);
            }

            deliverable |= entity.DeliverableChanged || entity.DeadLetterQueue!.DeliverableChanged;
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

    private void Dispatch(MessageEntity entity, EntityProcessor processor, DateTimeOffset nowUtc)
    {
        // Bounded by the processor's free slots: each pass fills one or returns.
        while (processor.HasFreeSlot && entity.TryLockNext(nowUtc) is { } message)
        {
            processor.Running++;
            ReceivedMessage received = message.ToReceived();
            long handlerId = ++_lastHandlerId;
            CancellationToken ct = _handlerCancellation.Token;
            _logger.LogDebug(
                "{EntityPath}: delivering {MessageId} (delivery {DeliveryCount})", entity.Path, received.MessageId, received.DeliveryCount);
            _handlerTasks.Add(handlerId, Task.Run(() => RunHandlerAsync(handlerId, entity, processor, received, ct), CancellationToken.None));
        }
    }

    private async Task RunHandlerAsync(
        long handlerId, MessageEntity entity, EntityProcessor processor, ReceivedMessage message, CancellationToken ct)
    {
        DeliveryOutcome outcome = await InvokeHandlerAsync(entity.Path, processor, message, ct);
        lock (_gate)
        {
            processor.Running--;
            _handlerTasks.Remove(handlerId);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            SettleResult result = entity.Settle(Guid.Parse(message.LockToken), outcome, nowUtc);
            LogSettlement(entity.Path, message, outcome, result);
            OnStateChanged(nowUtc);
        }
    }

    private async Task<DeliveryOutcome> InvokeHandlerAsync(
        string entityPath, EntityProcessor processor, ReceivedMessage message, CancellationToken ct)
    {
        try
        {
            Task<DeliveryOutcome> pending = processor.Handler(message, ct)
                ?? throw new InvalidOperationException("The handler returned a null task.");
            return await pending ?? throw new InvalidOperationException("The handler returned a null outcome.");
        }
#pragma warning disable CA1031 // A handler's failure of any kind is an abandon, as the Functions host treats it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "{EntityPath}: handler failed for message {MessageId}", entityPath, message.MessageId);
            return DeliveryOutcome.Failed($"{ex.GetType().FullName}: {ex.Message}");
        }
    }

    private void LogSettlement(string entityPath, ReceivedMessage message, DeliveryOutcome outcome, SettleResult result)
    {
        if (result == SettleResult.LockLost)
        {
            _logger.LogWarning(
                "{EntityPath}: settlement of {MessageId} refused: the lock was lost (outcome: {Succeeded})",
                entityPath, message.MessageId, outcome.Succeeded);
            return;
        }

        _logger.LogDebug("{EntityPath}: message {MessageId} {Result}", entityPath, message.MessageId, result);
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
