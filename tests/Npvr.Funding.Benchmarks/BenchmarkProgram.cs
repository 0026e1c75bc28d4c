using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// The benchmark of issue 15 (docs/performance.md): on a fresh Azurite, the raw Table Storage baselines, then every
/// user-facing operation through the HTTP API of the whole system, in one run, printed as one table on standard output.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (RunOptions.Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(RunOptions.Usage);
            return 2;
        }
        var sizes = Sizes.For(options.Quick);
        var clock = Stopwatch.StartNew();
        Console.WriteLine(Machine(options));
        var report = new Report();
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using (var system = await BenchSystem.StartAzuriteAsync(RepositoryRoot.Locate(AppContext.BaseDirectory)))
        {
            var baselines = new Baselines();
            await RawBaselines.RunAsync(system, sizes, baselines, report);
            Progress.Say("starting the local host...");
            await system.StartHostAsync(loggers);
            var measurer = new Measurer(system, sizes, baselines, report);
            if (options.AuditOnly)
            {
                await AuditOnlyAsync(measurer, report);
            }
            else
            {
                await ApiAsync(measurer, report);
                await StartupBench.RunAsync(system, sizes, report);
            }
        }
        report.Figure($"Run took {clock.Elapsed.TotalSeconds:0} s; load average at the end: {LoadAverage()}.");
        Console.WriteLine(report.Render(Targets.Evaluate(report, options)));
        return 0;
    }

    /// <summary>Every operation through the HTTP API, in an order that lets each build on what the previous left.</summary>
    private static async Task ApiAsync(Measurer measurer, Report report)
    {
        var system = measurer.System;
        var sizes = measurer.Sizes;
        var run = system.Meter.Run;
        Progress.Say("set-up: a kassier for every region, programmes A, B and C...");
        await RegistrationBench.DesignateAllAsync(system, sizes);
        await FundingBench.DefineAsync(system, sizes, FundingBench.ProgrammeA, FundingBench.ProgrammeB, SpendingBench.ProgrammeC);
        var designations = Domain.Regions.All.Count;
        await RegistrationBench.ReadsAsync(measurer, designations);
        await RegistrationBench.DesignationsAsync(measurer, run);
        designations += 2 * sizes.SmallOperations;
        await RegistrationBench.ReadsAsync(measurer, designations);
        designations = await RegistrationBench.SeedHistoryAsync(system, designations, sizes.LongHistory);
        await RegistrationBench.ReadsAsync(measurer, designations);
        await RegistrationBench.DesignationsAsync(measurer, run + "-long", $" at {designations} designations");
        await FundingBench.EstimatesAsync(measurer, run);
        await FundingBench.IssuesAsync(measurer, run);
        await FundingBench.ReceiptsAsync(measurer, run);
        await SpendingBench.EntriesAsync(measurer);
        await SpendingBench.ImportsAsync(measurer);
        await SpendingBench.PagesAsync(measurer);
        await SpendingBench.ExportsAsync(measurer, report);
        await SpendingBench.StatementsAsync(measurer);
        await SpendingBench.JournalAsync(measurer);
        await AuditBench.RunAsync(measurer, report);
    }

    /// <summary>
    /// --only audit: what the audit rows need (the kassiers, programme C and the imports that build the big journal),
    /// then the journal rows, the inclusion proofs and the offline verifier; the raw baselines run before as always.
    /// </summary>
    private static async Task AuditOnlyAsync(Measurer measurer, Report report)
    {
        Progress.Say("set-up: a kassier for every region, programme C...");
        await RegistrationBench.DesignateAllAsync(measurer.System, measurer.Sizes);
        await FundingBench.DefineAsync(measurer.System, measurer.Sizes, SpendingBench.ProgrammeC);
        await SpendingBench.ImportsAsync(measurer);
        await SpendingBench.JournalAsync(measurer);
        await AuditBench.RunAsync(measurer, report);
    }

    private static string Machine(RunOptions options) =>
        $"Npvr.Funding benchmark ({options.Describe()}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n"
        + $"Machine: {Environment.ProcessorCount} cores, load average at start {LoadAverage()}, {RuntimeInformation.OSDescription}, "
        + $"{RuntimeInformation.FrameworkDescription}, {Configuration()} build, server GC: {System.Runtime.GCSettings.IsServerGC}\n";

    /// <summary>The 1, 5 and 15 minute load averages of /proc/loadavg.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "(no /proc/loadavg)";

    private static string Configuration() =>
        typeof(BenchmarkProgram).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";
}
