using System.Collections.Concurrent;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Faults the local host injects at the invocation boundary. "Crash after write, before reply" is modelled as the
/// host never receiving the handler's answer: the handler did its table write, but its outputs are lost and the
/// invocation counts as failed, exactly what a process crash at that moment looks like from outside.
/// </summary>
public sealed class HostFaults
{
    private readonly ConcurrentDictionary<string, int> _dropReplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _broken = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Every invocation of <paramref name="functionName"/> fails with <paramref name="reason"/> before its handler runs,
    /// as a consumer with a permanent bug would, until <see cref="Repair"/>: its messages end in the dead letters.
    /// </summary>
    public void Break(string functionName, string reason) => _broken[functionName] = reason;

    /// <summary>The function works again (the bug was fixed and redeployed).</summary>
    public void Repair(string functionName) => _broken.TryRemove(functionName, out _);

    internal string? BrokenReason(string functionName) => _broken.GetValueOrDefault(functionName);

    /// <summary>The next <paramref name="times"/> invocations of <paramref name="functionName"/> lose their reply.</summary>
    public void CrashAfterWriteBeforeReply(string functionName, int times = 1) =>
        _dropReplies.AddOrUpdate(functionName, times, (_, current) => current + times);

    /// <summary>How many injected crashes of <paramref name="functionName"/> have not happened yet.</summary>
    public int PendingCrashes(string functionName) => _dropReplies.GetValueOrDefault(functionName);

    internal bool TakeDroppedReply(string functionName)
    {
        while (_dropReplies.TryGetValue(functionName, out var left) && left > 0)
        {
            if (_dropReplies.TryUpdate(functionName, left - 1, left)) return true;
        }
        return false;
    }
}
