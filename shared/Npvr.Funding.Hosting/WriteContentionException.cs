namespace Npvr.Funding.Hosting;

/// <summary>
/// A write lost every one of its bounded attempts to concurrent writers of the same partition. Nothing is wrong with
/// the request: the caller should try again shortly (503 with Retry-After), and nothing of this attempt was written.
/// </summary>
public sealed class WriteContentionException(string partitionKey, int attempts)
    : Exception($"Gave up after {attempts} attempts: partition {partitionKey} kept changing underneath.")
{
    /// <summary>The seconds a caller waits before trying again; one second lets a burst of writers drain.</summary>
    public const int RetryAfterSeconds = 1;
}
