using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Which of Azurite's services a process runs: its entry point is "azurite-{Name}", its flags "--{Name}Host/Port"; it is
/// ready once its output holds every one of <paramref name="ReadyMarkers"/>; <paramref name="Preload"/> is a module node
/// loads before the entry point, if any.
/// </summary>
internal sealed record AzuriteService(string Name, string[] ReadyMarkers, string ProbePath, string? Preload = null)
{
    public static readonly AzuriteService Table = new("table", [AzuriteProcess.StartedMarker], "Tables");

    /// <summary>The blob service (signed journal checkpoints, issue 12) prints "successfully listens on" once bound.</summary>
    public static readonly AzuriteService Blob = new("blob", ["successfully listens", BlobGarbageCollection.Confirmation], "?comp=list", BlobGarbageCollection.Preload);
}

/// <summary>Launching an Azurite service's entry point (azurite-table, azurite-blob) and waiting until it serves.</summary>
internal static class AzuriteProcess
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static Process Start(AzuriteOptions options, int port, OutputTail output, ILogger logger) =>
        Start(options, port, output, logger, AzuriteService.Table);

    public static Process Start(AzuriteOptions options, int port, OutputTail output, ILogger logger, AzuriteService service)
    {
        string infra = Path.GetFullPath(options.InfraDirectory);
        List<string> arguments =
        [
            "--import", ParentWatch,
            .. (service.Preload is { } preload ? ["--import", preload] : Array.Empty<string>()),
            EntryScript(infra, service.Name),
            $"--{service.Name}Host", "127.0.0.1",
            $"--{service.Name}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
            "--disableTelemetry",  // No network here beyond package registries; telemetry would only time out.
        ];
        if (options.Location is { } location)
        {
            arguments.AddRange(["--location", Directory.CreateDirectory(location).FullName]);
        }
        else
        {
            arguments.Add("--inMemoryPersistence");
        }

        // Azurite may write debug files to its working directory: keep them out of the repository.
        string workingDirectory = options.Location ?? Path.GetTempPath();
        // In a session of its own, a Ctrl+C in the terminal reaches only the host, which then stops Azurite itself
        // (so that it saves its data); an Azurite that exits by itself is then always news (see LocalStorage).
        var process = SessionLauncher is { } setsid
            ? new Process { StartInfo = ChildProcess.StartInfo(setsid, ["node", .. arguments], workingDirectory) }
            : new Process { StartInfo = ChildProcess.StartInfo("node", arguments, workingDirectory) };
        process.OutputDataReceived += (_, e) => Capture(e.Data, output, logger);
        process.ErrorDataReceived += (_, e) => Capture(e.Data, output, logger);
        ChildProcess.Start(process, "node");
        ExitReaper.Track(process);
        return process;
    }

    /// <summary>
    /// Preloaded into node: Azurite exits within a second once the process that started it is gone (its parent id
    /// changes), so a host or test process that is killed outright leaves no Azurite behind.
    /// </summary>
    private const string ParentWatch =
        "data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},1000).unref();";

    /// <summary>util-linux's setsid, where there is one: it calls setsid() and execs node in place (same process id).</summary>
    private static string? SessionLauncher { get; } =
        OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>What Azurite 3.x prints (even with --silent) once its own listener is bound.</summary>
    public const string StartedMarker = "successfully started";

    /// <summary>
    /// Waits until Azurite reports it is listening, the port accepts a connection and an HTTP request gets any answer.
    /// The marker matters: another process already on the port would answer the probes too.
    /// </summary>
    public static Task WaitUntilReadyAsync(Process process, int port, OutputTail output, TimeSpan timeout, CancellationToken ct) =>
        WaitUntilReadyAsync(process, port, output, timeout, AzuriteService.Table, ct);

    public static async Task WaitUntilReadyAsync(Process process, int port, OutputTail output, TimeSpan timeout, AzuriteService service, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = ProbeTimeout };
        var probeUri = new Uri($"http://127.0.0.1:{port}/{AzuriteRunner.AccountName}/{service.ProbePath}");
        var clock = Stopwatch.StartNew();
        int maxProbes = (int)(timeout / ProbeInterval) + 1;
        for (int probe = 0; probe < maxProbes && clock.Elapsed < timeout; probe++)
        {
            if (process.HasExited)
            {
                // Let the output events drain so that the message shows why it exited.
                await process.WaitForExitAsync(ct);
                string message = $"Azurite exited with code {process.ExitCode} before it was ready on port {port}. Output:{Environment.NewLine}{output}";
                throw output.Contains("EADDRINUSE") ? new AddressInUseException(message) : new InvalidOperationException(message);
            }

            if (service.ReadyMarkers.All(output.Contains) && await AnswersAsync(http, probeUri, port, ct))
            {
                return;
            }

            await Task.Delay(ProbeInterval, ct);
        }

        throw new InvalidOperationException(
            $"Azurite did not answer on http://127.0.0.1:{port} within {timeout}. Output:{Environment.NewLine}{output}");
    }

    /// <summary>Sends SIGINT (azurite-table closes its server and saves its database on it, not on SIGTERM) and waits up to <paramref name="timeout"/> for exit.</summary>
    public static async Task TerminateGracefullyAsync(Process process, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        string pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (int exitCode, string errorTail) = await ChildProcess.RunAsync(
            "kill", ["-INT", pid], Path.GetTempPath(), _ => { }, timeout, CancellationToken.None);
        if (exitCode != 0 && !process.HasExited)
        {
            throw new InvalidOperationException($"'kill -INT {pid}' failed with exit code {exitCode}: {errorTail}");
        }

        using var exitWait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(exitWait.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running after the grace period: the caller kills it.
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri probeUri, int port, CancellationToken ct)
    {
        try
        {
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync("127.0.0.1", port, ct);
            }

            // Any status counts (an unsigned request gets 403): the point is that the HTTP stack is up.
            using HttpResponseMessage response = await http.GetAsync(probeUri, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;  // The probe's own timeout: not ready yet.
        }
    }

    /// <summary>The azurite-{service} entry point, from the package's own "bin" map (dist/src/table/main.js and dist/src/blob/main.js in 3.35.0).</summary>
    internal static string EntryScript(string infra, string service)
    {
        string packageDirectory = Path.Combine(infra, "node_modules", "azurite");
        string packageFile = Path.Combine(packageDirectory, "package.json");
        if (!File.Exists(packageFile))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed in {infra}: run AzuriteRunner.EnsureInstalledAsync or 'npm ci' there.");
        }

        string relative = (string?)JObject.Parse(File.ReadAllText(packageFile)).SelectToken($"bin['azurite-{service}']")
            ?? throw new InvalidOperationException($"{packageFile} has no 'azurite-{service}' entry in its bin map.");
        return Path.GetFullPath(Path.Combine(packageDirectory, relative));
    }

    private static void Capture(string? line, OutputTail output, ILogger logger)
    {
        if (line is not null)
        {
            output.Add(line);
            logger.LogDebug("[azurite] {Line}", line);
        }
    }
}
