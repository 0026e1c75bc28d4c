namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// Remembers MessageIds sent to one queue or topic for the duplicate detection window. Guarded by the emulator's lock.
/// </summary>
internal sealed class DuplicateDetector(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _firstSeenUtc = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenUtc)> _history = new();

    /// <summary>True when <paramref name="messageId"/> was first sent less than the window ago; otherwise records it.</summary>
    public bool IsDuplicate(string messageId, DateTimeOffset nowUtc)
    {
        Forget(nowUtc);
        if (_firstSeenUtc.ContainsKey(messageId))
        {
            return true;
        }

        _firstSeenUtc.Add(messageId, nowUtc);
        _history.Enqueue((messageId, nowUtc));
        return false;
    }

    private void Forget(DateTimeOffset nowUtc)
    {
        // Entries are queued in send order, so the expired ones are all at the front; the loop ends with the queue.
        while (_history.TryPeek(out var oldest) && nowUtc - oldest.SeenUtc >= window)
        {
            _history.Dequeue();
            _firstSeenUtc.Remove(oldest.MessageId);
        }
    }
}
