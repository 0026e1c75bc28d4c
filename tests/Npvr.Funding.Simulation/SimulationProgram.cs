using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.Simulation.Faults;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation;

/// <summary>
/// The simulator of issue 13 (docs/simulation.md): runs seeds one after another against the whole system in this
/// process, prints a progress line every few seeds and each failure as it is found (its seed and first broken
/// invariant, and the command that replays it), and a summary at the end.
/// </summary>
public static class SimulationProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (SimulationArguments.Parse(args) is not { } arguments)
        {
            await output.WriteLineAsync(SimulationArguments.Usage);
            return 2;
        }
        using var loggers = arguments.Verbose
            ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Npvr.Funding.LocalHost", LogLevel.Information).AddFilter("Npvr.Funding.LocalHost.Broker", LogLevel.Debug))
            : NullLoggerFactory.Instance;
        using var topology = SimTopology.Write();
        var clock = Stopwatch.StartNew();
        var totals = new SimulationTotals();
        var next = arguments.FirstSeed - 1;
        var gate = new SemaphoreSlim(1, 1);
        // Seeds are independent systems (own tables, broker and host): a few at once use the cores while others wait on I/O.
        await Task.WhenAll(Enumerable.Range(0, arguments.Parallel).Select(_ => Task.Run(async () =>
        {
            for (var seed = Interlocked.Increment(ref next); seed < arguments.FirstSeed + arguments.Count; seed = Interlocked.Increment(ref next))
            {
                if (totals.Failures.Count >= arguments.MaxFailures) return;
                var result = await SeedRun.RunAsync(seed, topology.Path, arguments.PlantedBug, arguments.FaultKinds, loggers);
                await gate.WaitAsync();
                try
                {
                    await ReportAsync(result, totals, arguments, clock, output);
                }
                finally
                {
                    gate.Release();
                }
            }
        })));
        await output.WriteLineAsync(totals.Summary(arguments, clock.Elapsed));
        return totals.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>One seed's lines: its replay block, or its failure; a progress line now and then; the stop once enough failed.</summary>
    private static async Task ReportAsync(SeedResult result, SimulationTotals totals, SimulationArguments arguments, Stopwatch clock, TextWriter output)
    {
        if (totals.Failures.Count >= arguments.MaxFailures) return; // a seed that finished after the stop
        totals.Add(result);
        if (arguments.Replay || arguments.Trace) await output.WriteLineAsync(Replay(result));
        else if (result.Failed) await output.WriteLineAsync(Failure(result, arguments));
        if (!arguments.Replay && (totals.Seeds % arguments.ProgressEvery == 0 || totals.Seeds == arguments.Count))
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"[{totals.Seeds,5}/{arguments.Count}] {totals.Failures.Count} failure(s), {clock.Elapsed.TotalSeconds / totals.Seeds:0.00} s per seed, {clock.Elapsed.TotalSeconds:0} s elapsed"));
        if (totals.Failures.Count >= arguments.MaxFailures)
            await output.WriteLineAsync($"stopping: {totals.Failures.Count} seed(s) failed (--max-failures {arguments.MaxFailures})");
    }

    private static string Failure(SeedResult result, SimulationArguments arguments) =>
        $"FAIL seed {result.Seed}: {FirstLine(result.Broken[0])}\n  replay: {ReplayCommand(result.Seed, arguments)}";

    /// <summary>A finding on one line (an exception's stack stays for the replay).</summary>
    internal static string FirstLine(Finding finding) => finding.ToString().Split('\n')[0].TrimEnd();

    internal static string ReplayCommand(int seed, SimulationArguments arguments) =>
        string.Create(CultureInfo.InvariantCulture, $"dotnet run --project tests/Npvr.Funding.Simulation -- --seed {seed}")
        + (arguments.PlantedBug is { } bug ? $" --planted-bug {bug}" : "")
        + (arguments.FaultKinds is { } kinds ? $" --faults {string.Join(',', kinds.Order(StringComparer.Ordinal))}" : "");

    private static string Replay(SeedResult result)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"seed {result.Seed}"),
            result.Schedule,
            $"faults injected: {result.Faults.Describe()}",
            $"workload digest: {result.WorkloadDigest}",
            $"state hash: {result.StateHash ?? "none (the seed ended before its checks)"}",
            string.Create(CultureInfo.InvariantCulture, $"requests: {result.Requests}; invariants checked: {result.InvariantsChecked}; {result.Duration.TotalSeconds:0.00} s"),
            "trace (answers and timings may differ between runs of the seed):",
        };
        lines.AddRange(result.Trace.Select(l => "  " + l));
        lines.Add(result.Failed ? $"FAIL seed {result.Seed}: {result.BrokenCount} broken; first: {result.Broken[0]}" : $"seed {result.Seed}: every invariant holds");
        lines.AddRange(result.Broken.Skip(1).Select(f => "  also: " + f));
        return string.Join('\n', lines);
    }
}

/// <summary>The batch's sums.</summary>
internal sealed class SimulationTotals
{
    public int Seeds { get; private set; }
    public List<SeedResult> Failures { get; } = [];
    private readonly FaultTally _faults = new();
    private long _requests;
    private long _crashAnswers;
    private long _contention;
    private long _invariants;
    private readonly SortedDictionary<string, int> _tolerated = new(StringComparer.Ordinal);

    private int _lowest = int.MaxValue;
    private int _highest = int.MinValue;

    public void Add(SeedResult result)
    {
        Seeds++;
        (_lowest, _highest) = (Math.Min(_lowest, result.Seed), Math.Max(_highest, result.Seed));
        _faults.Add(result.Faults);
        _requests += result.Requests;
        _crashAnswers += result.CrashAnswers;
        _contention += result.Contention;
        _invariants += result.InvariantsChecked;
        foreach (var (kind, count) in result.Tolerated) _tolerated[kind] = _tolerated.GetValueOrDefault(kind) + count;
        if (result.Failed) Failures.Add(result);
    }

    public string Summary(SimulationArguments arguments, TimeSpan wallTime)
    {
        var lines = new List<string>
        {
            "== Npvr.Funding simulation ==",
            string.Create(CultureInfo.InvariantCulture, $"seeds run: {Seeds} ({_lowest} to {_highest})")
                + (arguments.PlantedBug is { } bug ? $", planted bug {bug}" : ""),
            $"faults injected by kind: {_faults.Describe()}",
            string.Create(CultureInfo.InvariantCulture, $"requests made: {_requests} (500 after an injected crash: {_crashAnswers}; 503 write-contention: {_contention})"),
            string.Create(CultureInfo.InvariantCulture, $"invariants checked: {_invariants}")
                + (_tolerated.Count == 0 ? "" : $" (let pass as the design admits, docs/simulation.md: {string.Join(", ", _tolerated.Select(t => $"{t.Key} {t.Value}"))})"),
            string.Create(CultureInfo.InvariantCulture, $"failures: {Failures.Count}"),
        };
        lines.AddRange(Failures.OrderBy(f => f.Seed).Select(f => string.Create(CultureInfo.InvariantCulture, $"  seed {f.Seed}: first broken invariant: {SimulationProgram.FirstLine(f.Broken[0])}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"wall time: {wallTime.TotalSeconds:0.0} s ({wallTime.TotalSeconds / Math.Max(1, Seeds):0.00} s per seed)"));
        return string.Join('\n', lines);
    }
}
