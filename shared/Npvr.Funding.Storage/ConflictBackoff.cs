namespace Npvr.Funding.Storage;

/// <summary>
/// A short, growing, jittered pause before retrying after a concurrency conflict, so writers racing on one partition
/// (e.g. 16 concurrent deliveries to one region's journal) spread out instead of colliding again in lock step.
/// </summary>
public static class ConflictBackoff
{
    private const int MaxDelayMilliseconds = 200;

    public static Task DelayAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(1, Math.Min(MaxDelayMilliseconds, 10 << Math.Min(attempt, 5)) + 1), cancellationToken);
}
