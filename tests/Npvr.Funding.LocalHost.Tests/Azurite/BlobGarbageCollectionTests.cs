using System.Diagnostics;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>
/// The blob service's garbage collection runs every 15 s (its pass blocks the service for time quadratic in what it
/// frees, so ten minutes of deleted checkpoints stalled it for over a minute). Read from Azurite's own debug log: its
/// collector says how long it sleeps between passes.
/// </summary>
public sealed class BlobGarbageCollectionTests
{
    [Fact]
    public async Task The_blob_service_started_with_the_preload_collects_garbage_every_15_seconds_not_every_10_minutes()
    {
        string infra = RepositoryRoot.InfraDirectory();
        await AzuriteRunner.EnsureInstalledAsync(infra);
        string debugLog = Path.Combine(Path.GetTempPath(), $"npvr-blob-gc-{Guid.NewGuid():N}.log");
        string[] arguments =
        [
            "--import", BlobGarbageCollection.Preload, AzuriteProcess.EntryScript(infra, "blob"),
            "--blobHost", "127.0.0.1", "--blobPort", LoopbackPort.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--silent", "--disableTelemetry", "--debug", debugLog,
        ];
        using var node = Process.Start(ChildProcess.StartInfo("node", arguments, Path.GetTempPath()))!;
        try
        {
            string sleep = await FirstSleepAsync(debugLog, node);

            Assert.Equal($"Sleep for {BlobGarbageCollection.IntervalMilliseconds}ms.", sleep);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            File.Delete(debugLog);
        }
    }

    /// <summary>The collector's first "Sleep for ...ms." line; it writes it right after its first pass, at start.</summary>
    private static async Task<string> FirstSleepAsync(string debugLog, Process node)
    {
        for (int poll = 0; poll < 300; poll++)
        {
            if (node.HasExited) Assert.Fail($"The blob service exited with code {node.ExitCode} before its collector slept.");
            string? line = File.Exists(debugLog)
                ? File.ReadLines(debugLog).Select(l => l.Split("markSweepLoop() ", 2)).Where(p => p.Length == 2 && p[1].StartsWith("Sleep for", StringComparison.Ordinal)).Select(p => p[1].Trim()).FirstOrDefault()
                : null;
            if (line is not null) return line;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Azurite's blob collector wrote no sleep line to {debugLog} within 30 s.");
    }
}
