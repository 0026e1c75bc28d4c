using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Npvr.Funding.Simulation.Tests;

/// <summary>
/// Issue 13: the simulator (tests/Npvr.Funding.Simulation) run in this process as its command line runs it: a short
/// batch breaks no invariant and prints every count; a planted bug is found and its printed seed replays it; one seed
/// run twice makes the same workload, the same fault schedule and ends in the same state.
/// </summary>
public sealed partial class SimulationTests(ITestOutputHelper output)
{
    private const string PlantedBug = "skip-inbox-check:journal";
    private const string Faults = "crash-consumer";

    private static readonly string[] FaultKinds =
        ["duplicate", "reorder", "refuse-sends", "crash-http", "crash-consumer", "lock-expiry", "dead-letter", "timer-early", "restart"];

    [Fact]
    public async Task Twenty_seeds_break_no_invariant_and_the_summary_counts_seeds_faults_requests_and_checks()
    {
        var (exit, text) = await RunAsync("--seeds", "20");

        Assert.True(exit == 0, text);
        Assert.Matches(@"(?m)^seeds run: 20 \(1 to 20\)$", text);
        Assert.Matches(@"(?m)^failures: 0$", text);
        Assert.True(Number(text, @"requests made: (\d+)") > 20 * 30, text);
        Assert.True(Number(text, @"invariants checked: (\d+)") > 20 * 50, text);
        Assert.Matches(@"(?m)^wall time: \d+\.\d s \(\d+\.\d\d s per seed\)$", text);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("[", StringComparison.Ordinal) && l.Contains("s per seed", StringComparison.Ordinal)));
        // Every kind of fault was injected in these seeds, and those the host can see firing did fire.
        foreach (var kind in FaultKinds)
            Assert.True(Number(text, $@"faults injected by kind:.*\b{kind} (\d+)") > 0, $"no {kind} fault in 20 seeds:\n{text}");
        foreach (var kind in new[] { "refuse-sends", "crash-consumer", "lock-expiry", "dead-letter" })
            Assert.True(Number(text, $@"faults injected by kind:.*\b{kind} \d+ \(fired (\d+)\)") > 0, $"no {kind} fault fired in 20 seeds:\n{text}");
    }

    [Fact]
    public async Task A_planted_bug_is_found_and_replaying_the_printed_seed_finds_it_again()
    {
        // Only crashed consumers: a delivery crashed after its write is redelivered on every run of the seed, so the
        // consumer without its inbox check journals it twice every time; other ways to a second delivery (a restart,
        // a sweep racing the mark) depend on timing, and their seeds may not replay (docs/simulation.md, Determinism).
        var (exit, text) = await RunAsync("--seeds", "60", "--planted-bug", PlantedBug, "--faults", Faults, "--max-failures", "1");

        Assert.True(exit == 1, text);
        var found = FailLine().Match(text);
        Assert.True(found.Success, text);
        var (seed, invariant) = (found.Groups["seed"].Value, found.Groups["invariant"].Value);
        Assert.Contains($"replay: dotnet run --project tests/Npvr.Funding.Simulation -- --seed {seed} --planted-bug {PlantedBug} --faults {Faults}", text, StringComparison.Ordinal);
        Assert.Equal("journal-exactly-once", invariant);

        var (replayExit, replay) = await RunAsync("--seed", seed, "--planted-bug", PlantedBug, "--faults", Faults);
        Assert.True(replayExit == 1, replay);
        Assert.Matches($@"(?m)^FAIL seed {seed}: \d+ broken; first: {invariant}: ", replay);

        // The same seed without the bug holds: the failure is the bug's.
        var (cleanExit, clean) = await RunAsync("--seed", seed, "--faults", Faults);
        Assert.True(cleanExit == 0, clean);
        Assert.Contains($"seed {seed}: every invariant holds", clean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_twice_makes_the_same_workload_and_fault_schedule_and_ends_in_the_same_state()
    {
        // Seed 4: three regions, settles and closes 2025, refused sends, a crashed request, a crashed consumer, a lock expiry.
        var (firstExit, first) = await RunAsync("--seed", "4");
        var (secondExit, second) = await RunAsync("--seed", "4");

        Assert.True(firstExit == 0, first);
        Assert.True(secondExit == 0, second);
        Assert.Equal(Schedule(first), Schedule(second));
        Assert.Contains("faults:\n  ", Schedule(first), StringComparison.Ordinal);
        Assert.Equal(Line(first, "workload digest: "), Line(second, "workload digest: "));
        Assert.Matches("^[0-9a-f]{64}$", Line(first, "state hash: "));
        Assert.Equal(Line(first, "state hash: "), Line(second, "state hash: "));
    }

    private async Task<(int Exit, string Text)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SimulationProgram.RunAsync(args, writer);
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        output.WriteLine($"$ simulation {string.Join(' ', args)}  (exit {exit})\n{text}");
        return (exit, text);
    }

    /// <summary>From "seed N" to the line before "faults injected": the regions, rounds and fault schedule.</summary>
    private static string Schedule(string text)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("rounds: ", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => l.StartsWith("faults injected: ", StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, text);
        return string.Join('\n', lines[start..end]);
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    private static long Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"'{pattern}' not in:\n{text}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?m)^FAIL seed (?<seed>\d+): (?<invariant>[a-z0-9-]+): ")]
    private static partial Regex FailLine();
}
