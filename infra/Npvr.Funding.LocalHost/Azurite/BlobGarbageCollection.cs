namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Runs the blob service's garbage collection every <see cref="IntervalMilliseconds"/> instead of every 10 minutes.
/// Azurite 3.35.0's blob service frees the data of deleted blobs in one mark-and-sweep pass per interval
/// (dist/src/blob/gc/BlobGCManager.js, DEFAULT_GC_INTERVAL_MS), and every pass blocks its event loop until it is done:
/// the pass awaits only in-memory LokiJS calls, and each extent it deletes is removed from an indexed collection one at a
/// time, so a pass costs time quadratic in what it frees (measured here with Azurite's own LokiExtentMetadataStore:
/// 5,000 deletes 1.8 s, 10,000 7.7 s, 20,000 38 s). The extent protection meant to spare young extents does not hold
/// for extents never updated (their insert leaves LastModifyInMS unset), so a pass frees everything deleted since the
/// last one. The simulator deletes each seed's checkpoint container, so ten minutes of seeds piled up tens of thousands
/// of extents and the blob service answered nothing for over a minute: every request to it (a journal link's latest
/// checkpoint) hung, and the seeds running then failed at the same second (docs/simulation.md). Short intervals keep
/// each pass small. The price: every pass also lists every live extent, which grows with the blobs kept (measured:
/// 10,000 extents 23 ms, 100,000 0.7 s per pass), so a local store that keeps 100,000 checkpoints pauses for under a
/// second every 15 s instead of minutes at once. Only the local emulator is touched; Azure's blob service has no such pause.
/// </summary>
internal static class BlobGarbageCollection
{
    public const int IntervalMilliseconds = 15_000;

    /// <summary>What the preload prints once it has set the interval; the blob service counts as ready only after it.</summary>
    public static readonly string Confirmation = $"npvr: blob garbage collection every {IntervalMilliseconds} ms";

    /// <summary>
    /// Preloaded into node before the blob service's entry point (process.argv[1], dist/src/blob/main.js): sets the
    /// constant BlobGCManager's constructor reads as its default, in the same module instance. Another Azurite that
    /// lacks the constant stops at start with the reason, instead of running with the long pauses again.
    /// </summary>
    public static string Preload { get; } = "data:text/javascript," + Uri.EscapeDataString(
        "import { createRequire } from 'node:module';"
        + "const constants = createRequire(process.argv[1])('./utils/constants.js');"
        + "if (typeof constants.DEFAULT_GC_INTERVAL_MS !== 'number') throw new Error('Azurite changed: its blob service has no DEFAULT_GC_INTERVAL_MS (infra/Npvr.Funding.LocalHost/Azurite/BlobGarbageCollection.cs).');"
        + $"constants.DEFAULT_GC_INTERVAL_MS = {IntervalMilliseconds};"
        + $"console.log('{Confirmation}');");
}
