using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Azurite's table service (the npm package pinned in infra/package.json) as a child process on 127.0.0.1, for local
/// runs and tests. Disposing kills its whole process tree.
/// </summary>
public sealed class AzuriteRunner : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known (public, development-only) account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxPortAttempts = 5;
    private static readonly TimeSpan ExitWaitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly bool _persistent;
    private BlobProcess? _blob;

    private AzuriteRunner(Process process, OutputTail output, int tablePort, bool persistent)
    {
        _process = process;
        _output = output;
        _persistent = persistent;
        TablePort = tablePort;
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
    }

    /// <summary>The blob service's endpoint, when <see cref="AzuriteOptions.BlobService"/> started it.</summary>
    public Uri? BlobEndpoint => _blob?.Endpoint;

    /// <summary>The port the table service listens on.</summary>
    public int TablePort { get; }

    /// <summary>http://127.0.0.1:&lt;port&gt;/devstoreaccount1</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A storage connection string for the table service (and the blob service, when started) with the well-known development key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};"
        + (BlobEndpoint is { } blob ? $"BlobEndpoint={blob};" : "");

    /// <summary>What Azurite has written lately (for diagnostics).</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>The process id of Azurite's node process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes with Azurite's exit code when its process ends, for whatever reason.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>
    /// Runs "npm ci --no-audit --no-fund" in <paramref name="infraDirectory"/> when node_modules/azurite is missing, not
    /// the pinned version, or older than package-lock.json. Serialised across processes with a file lock; npm's output
    /// goes to <paramref name="logger"/> (standard error when null).
    /// </summary>
    /// <exception cref="InvalidOperationException">node or npm is missing, or npm failed (the message has npm's error output).</exception>
    public static Task EnsureInstalledAsync(string infraDirectory, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(infraDirectory);
        return NpmInstaller.EnsureInstalledAsync(infraDirectory, logger, ct);
    }

    /// <summary>
    /// Starts the table service only, then waits until it reports it is listening, accepts TCP connections and
    /// answers HTTP. With port 0 a free port is picked, and another one (up to 5 in all) if it is taken meanwhile.
    /// </summary>
    /// <exception cref="AddressInUseException">The port was taken (a given port, or every picked one).</exception>
    /// <exception cref="InvalidOperationException">Azurite exited or did not get ready in time; the message has its output.</exception>
    public static async Task<AzuriteRunner> StartAsync(AzuriteOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.TablePort, nameof(options));
        if (options.EnsureInstalled)
        {
            await EnsureInstalledAsync(options.InfraDirectory, options.Logger, ct);
        }

        ILogger logger = options.Logger ?? NullLogger.Instance;
        int attempts = options.TablePort == 0 ? MaxPortAttempts : 1;
        for (int attempt = 1; attempt < attempts; attempt++)
        {
            int port = LoopbackPort.FindFree();
            try
            {
                return await StartOnPortAsync(options, port, logger, ct);
            }
            catch (AddressInUseException)
            {
                logger.LogInformation("Port {Port} was taken before Azurite could bind it; trying another", port);
            }
        }

        // The last (or only) attempt: an address-in-use failure now reaches the caller.
        int lastPort = options.TablePort == 0 ? LoopbackPort.FindFree() : options.TablePort;
        return await StartOnPortAsync(options, lastPort, logger, ct);
    }

    /// <summary>
    /// Stops Azurite: with a <see cref="AzuriteOptions.Location"/> it is first asked to exit (SIGINT, on Unix) so that
    /// it saves its data; then its whole process tree is killed and awaited.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_blob is { } blob) await StopAsync(blob.Process, _persistent);
        await StopAsync(_process, _persistent);
    }

    private static async Task StopAsync(Process process, bool persistent)
    {
        try
        {
            if (persistent && !OperatingSystem.IsWindows())
            {
                await AzuriteProcess.TerminateGracefullyAsync(process, ExitWaitTimeout);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var exitWait = new CancellationTokenSource(ExitWaitTimeout);
            await process.WaitForExitAsync(exitWait.Token);
        }
        catch (InvalidOperationException)
        {
            // The process had exited between the check and the kill: nothing is left to stop.
        }
        finally
        {
            ExitReaper.Untrack(process);
            process.Dispose();
        }
    }

    private static async Task<AzuriteRunner> StartOnPortAsync(AzuriteOptions options, int port, ILogger logger, CancellationToken ct)
    {
        var output = new OutputTail(200);
        Process process = AzuriteProcess.Start(options, port, output, logger);
        var runner = new AzuriteRunner(process, output, port, persistent: options.Location is not null);
        try
        {
            await AzuriteProcess.WaitUntilReadyAsync(process, port, output, options.StartupTimeout, ct);
            logger.LogInformation("Azurite table service ready at {TableEndpoint}", runner.TableEndpoint);
            if (options.BlobService) runner._blob = await StartBlobAsync(options, logger, ct);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    /// <summary>Azurite's blob service as a second process, on a free port (up to 5 tries, like the table service).</summary>
    private static async Task<BlobProcess> StartBlobAsync(AzuriteOptions options, ILogger logger, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = LoopbackPort.FindFree();
            var output = new OutputTail(200);
            Process process = AzuriteProcess.Start(options, port, output, logger, AzuriteService.Blob);
            try
            {
                await AzuriteProcess.WaitUntilReadyAsync(process, port, output, options.StartupTimeout, AzuriteService.Blob, ct);
                var blob = new BlobProcess(process, new Uri($"http://127.0.0.1:{port}/{AccountName}"));
                logger.LogInformation("Azurite blob service ready at {BlobEndpoint}", blob.Endpoint);
                return blob;
            }
            catch (AddressInUseException) when (attempt < MaxPortAttempts)
            {
                await StopAsync(process, persistent: false);
                logger.LogInformation("Port {Port} was taken before Azurite's blob service could bind it; trying another", port);
            }
            catch
            {
                await StopAsync(process, persistent: false);
                throw;
            }
        }
    }

    private sealed record BlobProcess(Process Process, Uri Endpoint);
}
