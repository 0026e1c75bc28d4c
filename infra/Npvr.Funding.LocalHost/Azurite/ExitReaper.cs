using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Kills tracked child processes when this process exits normally, so that a runner nobody disposed (a static test
/// fixture, a failed test) leaves no Azurite behind. A crash or SIGKILL of this process still can.
/// </summary>
internal static class ExitReaper
{
    private static readonly ConcurrentDictionary<Process, byte> Live = new();
    private static int _hooked;

    public static void Track(Process process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }

        Live.TryAdd(process, 0);
    }

    public static void Untrack(Process process) => Live.TryRemove(process, out _);

    private static void KillAll()
    {
        foreach (Process process in Live.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
            catch (Win32Exception)
            {
                // Not ours to kill any more (exited and the id was reused): nothing left to do at exit.
            }
        }
    }
}
