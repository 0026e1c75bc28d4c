using System.Diagnostics;
using Npvr.Funding.LocalHost.Azurite;
using Xunit.Abstractions;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issues 15 and 12: the benchmark program (tests/Npvr.Funding.Benchmarks) with --quick completes and prints every figure. It
/// asserts nothing about speed: time on a shared machine is noise; docs/performance.md holds the measured table.
/// </summary>
[Collection(BulkWork.Name)]
public sealed class BenchmarkTests(ITestOutputHelper output)
{
    /// <summary>--quick takes under two minutes on an idle 2-core machine; other test assemblies share the cores meanwhile.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The operations of issue 15, issue 12's audit rows and the raw baselines: each must have its row. A trailing "…" marks a prefix.</summary>
    private static readonly string[] Operations =
    [
        "raw: single-entity transaction", "raw: 100-entity batch", "raw: point read", "raw: 100-row range query of 10,000 rows",
        "GET /regions at 11 designations", "GET a region's kassier at 11 designations", "designate a kassier", "GET /regions at 55 designations",
        "GET a region's kassier at 55 designations", "GET /regions at 1100 designations", "GET a region's kassier at 1100 designations",
        "designate a kassier at 1100 designations", "estimate VAT (determine an allocation)", "issue a year (11 regions, until every tranche is issued)",
        "confirm a receipt", "record a spending entry", "import 2,000 lines (until the job completed)", "page 100 of 2,000 spending entries",
        "CSV export of 2,000 entries", "region statement (2,000 entries)", "journal page of 100 (…", "full verify of a …",
        "inclusion proof in a …", "offline verify of a …",
        "start-up to first 200: local host", "start-up to first 200: Registration app (build output, framework-dependent)",
    ];

    [Fact]
    public async Task The_quick_benchmark_completes_and_prints_every_figure()
    {
        var (exitCode, stdout, stderr) = await RunAsync("--quick");
        output.WriteLine(stdout);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{Tail(stderr)}");
        Assert.Matches(@"Machine: \d+ cores, load average at start \d+\.\d+ \d+\.\d+ \d+\.\d+", stdout);
        Assert.Matches(@"Peak working set during one CSV export of 2,000 entries: \d+ MiB", stdout);
        Assert.Matches(@"Export for the offline verifier \(not in the table\): [\d,]+ entries", stdout);
        Assert.Matches(@"the verifier said: VALID: \d+ entries of achterhoek", stdout);
        Assert.Equal(10, TargetLines(stdout, "issue 15").Count(l => l.StartsWith("- met: ", StringComparison.Ordinal) || l.StartsWith("- MISSED: ", StringComparison.Ordinal)
            || l.StartsWith("- not measurable: ", StringComparison.Ordinal) || l.StartsWith("- export in constant memory: ", StringComparison.Ordinal)));
        // --quick builds a journal of about 2,000 entries: issue 12's targets (100,000) print their figures but judge nothing.
        var audit = TargetLines(stdout, "issue 12");
        Assert.True(audit.Count == 2 && audit.All(l => l.StartsWith("- not measurable at this size (", StringComparison.Ordinal)), string.Join('\n', audit));
        Assert.Contains("inclusion proof p95 <= 50 ms: ", audit[0], StringComparison.Ordinal);
        Assert.Contains("full verify of 100,000 entries < 10 s: the offline verifier took ", audit[1], StringComparison.Ordinal);
        var rows = stdout.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| operation |", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray()).ToList();
        foreach (var operation in Operations)
            Assert.True(rows.Count(r => Names(r[0], operation)) == 1, $"No single row for '{operation}':\n{stdout}");
        Assert.Equal(Operations.Length, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.True(row.Length == 13, string.Join(" | ", row));
            Assert.True(!row.Contains("MISSING") && row.All(c => c.Length > 0), string.Join(" | ", row));
        });
        // Every operation through the API counted its storage round trips: the request path and the total are figures.
        Assert.All(rows.Where(r => !r[0].StartsWith("start-up", StringComparison.Ordinal)), row =>
            Assert.True(double.TryParse(row[9], System.Globalization.CultureInfo.InvariantCulture, out _) && double.TryParse(row[10], System.Globalization.CultureInfo.InvariantCulture, out _),
                string.Join(" | ", row)));
    }

    [Theory]
    [InlineData("--only")]
    [InlineData("--only", "spending")]
    [InlineData("--quick", "--quick")]
    [InlineData("--full")]
    public async Task An_unknown_or_incomplete_option_is_a_usage_error(params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(args);

        Assert.True(exitCode == 2, $"exit {exitCode}\n{stdout}\n{Tail(stderr)}");
        Assert.Contains("usage: ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    /// <summary>The "- " lines under "Targets of {issue}, ..." up to the next blank line after them.</summary>
    private static List<string> TargetLines(string stdout, string issue) =>
        [.. stdout.Split('\n').Select(l => l.TrimEnd('\r')).SkipWhile(l => !l.StartsWith($"Targets of {issue},", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))];

    private static bool Names(string cell, string operation) =>
        operation.EndsWith('…') ? cell.StartsWith(operation[..^1], StringComparison.Ordinal) : cell == operation;

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args)
    {
        // This assembly's output folder relative to its project (bin/<configuration>/<framework>/) is where the benchmark's build is too.
        var root = RepositoryRoot.Locate(AppContext.BaseDirectory);
        var folder = Path.GetRelativePath(Path.Combine(root, "tests", "Npvr.Funding.EndToEnd.Tests"), AppContext.BaseDirectory);
        var program = Path.Combine(root, "tests", "Npvr.Funding.Benchmarks", folder, "Npvr.Funding.Benchmarks");
        Assert.True(File.Exists(program), $"The benchmark is not built at {program}.");
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // The test host's settings are not the program's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.Equals("DOTNET_STARTUP_HOOKS", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The benchmark ({string.Join(' ', args)}) did not finish within {RunTimeout}.\n{await stdout}\n{Tail(await stderr)}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Tail(string text) => text.Length <= 8000 ? text : "..." + text[^8000..];
}
