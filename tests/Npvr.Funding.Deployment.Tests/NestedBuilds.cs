using System.Diagnostics;
using System.Text;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>
/// Finds processes started by this test run's nested builds (infra/publish.sh's dotnet publish): each carries a
/// marker in its environment, inherited by everything it starts (MSBuild nodes, the compiler server).
/// </summary>
internal static class NestedBuilds
{
    public const string MarkerVariable = "NPVR_NESTED_BUILD";

    /// <summary>One value per test run, so another run's builds are not counted.</summary>
    public static string Marker { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Linux has a few hundred processes at most here; the cap keeps a runaway /proc listing bounded.</summary>
    private const int MaxProcessesScanned = 100_000;

    /// <summary>"pid: command line" of every live process carrying this run's marker.</summary>
    public static IReadOnlyList<string> Survivors()
    {
        var needle = Encoding.UTF8.GetBytes($"{MarkerVariable}={Marker}\0");
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Take(MaxProcessesScanned))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environment = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (environment.AsSpan().IndexOf(needle) < 0) continue;
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                found.Add($"{pid}: {commandLine}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while it was read, or is not ours to read: neither is a build of this run.
            }
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="bound"/> for the marked processes to end; returns those still alive.</summary>
    public static IReadOnlyList<string> SurvivorsAfter(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var survivors = Survivors();
        while (survivors.Count > 0 && clock.Elapsed < bound)
        {
            Thread.Sleep(250);
            survivors = Survivors();
        }
        return survivors;
    }
}
