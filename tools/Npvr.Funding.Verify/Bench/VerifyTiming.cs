using System.Diagnostics;
using System.Globalization;

namespace Npvr.Funding.Verify.Bench;

/// <summary>VerifyCommand.Run over a generated export, as the benchmark runs it: a full collection before each run, outside its time.</summary>
internal static class VerifyTiming
{
    public static int Run(string folder, int runs)
    {
        string[] args = ["--journal", Path.Combine(folder, "journal.json"), "--checkpoint", Path.Combine(folder, "checkpoint.json"), "--keys", Path.Combine(folder, "keys.json")];
        var process = Process.GetCurrentProcess();
        // At most 100 runs: each reads the whole export.
        for (var run = 0; run < Math.Min(runs, 100); run++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            var exit = VerifyCommand.Run(args, output, error);
            var wall = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var said = (output.ToString() + error).Trim();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: exit {exit}, wall {wall.TotalSeconds:0.00} s, cpu {cpu.TotalSeconds:0.00} s, peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB; {said[..Math.Min(said.Length, 160)]}"));
        }
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
