using System.Collections.Concurrent;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Named points inside a function where a test can hold the work while other work runs, to force an interleaving that
/// timing alone reaches only by luck (issue 9: a spending write caught between the year close's "closing" mark and its
/// seal). Each hold catches the next arrival at its point only; everything else passes. Nothing arms a point in
/// production, where reaching one costs one dictionary lookup.
/// </summary>
public sealed class Interleavings
{
    private readonly ConcurrentDictionary<string, Hold> _armed = new(StringComparer.Ordinal);

    /// <summary>Holds the next work that reaches <paramref name="point"/> until <see cref="Hold.Release"/>.</summary>
    public Hold HoldNext(string point)
    {
        var hold = new Hold(point);
        if (!_armed.TryAdd(point, hold)) throw new InvalidOperationException($"A hold at {point} is armed already.");
        return hold;
    }

    /// <summary>Called by the function at <paramref name="point"/>: returns at once unless a hold is armed there.</summary>
    public Task ReachedAsync(string point, CancellationToken cancellationToken) =>
        _armed.TryRemove(point, out var hold) ? hold.ArriveAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>One armed point: <see cref="Arrived"/> completes when work is held there, <see cref="Release"/> lets it go on.</summary>
    public sealed class Hold(string point)
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Point { get; } = point;

        public Task Arrived => _arrived.Task;

        public void Release() => _released.TrySetResult();

        internal async Task ArriveAsync(CancellationToken cancellationToken)
        {
            _arrived.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
