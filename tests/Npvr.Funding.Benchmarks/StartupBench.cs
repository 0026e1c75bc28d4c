using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Process start to the first 200 on GET /: the local host (its built executable, on this Azurite, with its own broker)
/// and the Registration app's executable as the Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT). The full run
/// publishes the app with infra/publish.sh (self-contained, as deployed); --quick starts the build output instead.
/// </summary>
internal static class StartupBench
{
    /// <summary>How often a start is probed: small against the 300 ms target.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchSystem system, Sizes sizes, Report report)
    {
        // This program's output folder relative to its project (bin/Release/net10.0/) is where the other builds are too.
        var output = Path.GetRelativePath(Path.Combine(system.Root, "tests", "Npvr.Funding.Benchmarks"), AppContext.BaseDirectory);
        var host = Path.Combine(system.Root, "infra", "Npvr.Funding.LocalHost", output, "Npvr.Funding.LocalHost");
        await MeasureAsync(report, "start-up to first 200: local host", sizes.Starts, port => Start(host,
            ["--storage", system.Azurite.ConnectionString, "--port", Text(port), "--servicebus-port", Text(FreePort())], new Dictionary<string, string>()));

        using var published = sizes.Quick ? null : PublishedApp.Publish(system.Root, "Registration");
        var app = published?.Executable ?? Path.Combine(system.Root, "functions", "Npvr.Funding.Registration", output, "Npvr.Funding.Registration");
        var what = published is null ? "build output, framework-dependent" : "published self-contained";
        await MeasureAsync(report, $"start-up to first 200: Registration app ({what})", sizes.Starts, port => Start(app, [], new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = Text(port),
            ["Storage__ConnectionString"] = system.Azurite.ConnectionString,
            ["Storage__TablePrefix"] = "startup",
            ["ServiceBusConnection"] = system.Host.ServiceBusConnectionString,
        }));
    }

    private static async Task MeasureAsync(Report report, string name, int starts, Func<int, Process> start)
    {
        Progress.Say($"{name}: {starts} start(s)...");
        var timing = await Timing.SequentialAsync(starts, _ => StartOnceAsync(start));
        report.Add(new Row(name, "start")
        {
            NotMeasured = NotMeasured.Concurrent | NotMeasured.Ratio | NotMeasured.RoundTrips | NotMeasured.Cpu,
            SequentialRequests = starts,
            SequentialPerSecond = timing.RequestsPerSecond,
            P50Ms = timing.Percentile(50),
            P95Ms = timing.Percentile(95),
        });
    }

    /// <summary>Starts the process (the caller's stopwatch runs from here), probes GET / until 200, then kills it.</summary>
    private static async Task StartOnceAsync(Func<int, Process> start)
    {
        var port = FreePort();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        using var process = start(port);
        var root = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            var clock = Stopwatch.StartNew();
            while (!await BenchApi.AnswersAsync(probe, root))
            {
                if (process.HasExited || clock.Elapsed > StartTimeout)
                    throw new InvalidOperationException($"{process.StartInfo.FileName} did not answer GET / within {StartTimeout} (exited: {process.HasExited}).");
                await Task.Delay(ProbeInterval);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(string executable, IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        if (!File.Exists(executable)) throw new FileNotFoundException($"No executable {executable}: build (or publish) it first.", executable);
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Drained and dropped: a full pipe would stall the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
