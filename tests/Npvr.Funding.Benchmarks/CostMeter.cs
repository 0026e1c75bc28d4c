using System.Diagnostics;
using System.Globalization;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// What a phase cost: storage round trips per app and function (the apps' <see cref="RoundTripCounter"/>s and the raw
/// client's), CPU of this process (local host, apps and benchmark client) and CPU of Azurite's node process.
/// </summary>
internal sealed class CostMeter(string run, int azuriteProcessId)
{
    /// <summary>The counter of the raw baselines' own TableServiceClient.</summary>
    public const string RawClient = "Raw";

    /// <summary>Linux reports /proc/[pid]/stat times in USER_HZ, which is 100 on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    private static readonly string[] Apps =
    [
        new Registration.RegistrationApp().Name, new Allocation.AllocationApp().Name, new Disbursement.DisbursementApp().Name,
        new Spending.SpendingApp().Name, RawClient,
    ];

    public string Run => run;

    public Snapshot Take()
    {
        var trips = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var app in Apps)
        {
            foreach (var (function, count) in StorageRoundTrips.Counter(run, app).Snapshot())
                trips[$"{ShortName(app)}/{function}"] = count;
        }
        using var self = Process.GetCurrentProcess();
        return new Snapshot(trips, self.TotalProcessorTime.TotalMilliseconds, AzuriteCpuMs());
    }

    public Cost Since(Snapshot before)
    {
        var now = Take();
        var trips = now.RoundTrips
            .Select(t => (t.Key, Count: t.Value - before.RoundTrips.GetValueOrDefault(t.Key)))
            .Where(t => t.Count > 0)
            .ToDictionary(t => t.Key, t => t.Count, StringComparer.Ordinal);
        return new Cost(trips, now.DotnetCpuMs - before.DotnetCpuMs, now.AzuriteCpuMs - before.AzuriteCpuMs);
    }

    /// <summary>"Npvr.Funding.Registration" as "Registration".</summary>
    public static string ShortName(string app) => app.StartsWith("Npvr.Funding.", StringComparison.Ordinal) ? app["Npvr.Funding.".Length..] : app;

    private double AzuriteCpuMs()
    {
        // Fields after the command name (which may hold spaces, hence the last ')'): state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText($"/proc/{azuriteProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond * 1000;
    }

    internal sealed record Snapshot(IReadOnlyDictionary<string, long> RoundTrips, double DotnetCpuMs, double AzuriteCpuMs);
}

/// <summary>Round trips by "App/Function" and CPU milliseconds spent in a phase.</summary>
internal sealed record Cost(IReadOnlyDictionary<string, long> RoundTrips, double DotnetCpuMs, double AzuriteCpuMs)
{
    public long Of(string appFunction) => RoundTrips.GetValueOrDefault(appFunction);

    /// <summary>Every round trip of the phase except those of <paramref name="probes"/> (the benchmark's own polling).</summary>
    public long Total(IReadOnlyCollection<string> probes) => RoundTrips.Where(t => !probes.Contains(t.Key)).Sum(t => t.Value);
}
