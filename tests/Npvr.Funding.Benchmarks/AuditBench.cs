using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Issue 12's figures on the big journal (the Achterhoek's, every import line an entry): a checkpoint signed over all
/// of it, inclusion proofs of random entries checked against that signed root, and the offline verifier
/// (tools/Npvr.Funding.Verify) over an export made through the API, as an auditor runs it.
/// </summary>
internal static class AuditBench
{
    private const string Region = SpendingBench.Region;

    /// <summary>Reads sent before the proofs are measured (see <see cref="Operation.WarmUpRequests"/>).</summary>
    private const int WarmUp = 3;

    /// <summary>Fixed, so every run asks for the same entries.</summary>
    private const int ProofSeed = 12;

    public static async Task RunAsync(Measurer measurer, Report report)
    {
        var signed = await SignedJournal.SignAsync(measurer.System, Region);
        using var export = await JournalExport.WriteAsync(measurer.System.Api, signed, report);
        report.AuditedEntries = export.Hashes.Count;
        await InclusionProofsAsync(measurer, signed.Checkpoint, export.Hashes);
        await OfflineVerifyAsync(measurer, report, export);
    }

    /// <summary>Random entries of the whole journal, each proof verified (RFC 9162) against the signed checkpoint's root.</summary>
    private static Task<Row> InclusionProofsAsync(Measurer measurer, Checkpoint checkpoint, IReadOnlyList<string> hashes)
    {
        var count = measurer.Sizes.SmallOperations;
        var random = new Random(ProofSeed);
        var sequential = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, checkpoint.TreeSize + 1)).ToArray();
        var concurrent = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, checkpoint.TreeSize + 1)).ToArray();
        var api = measurer.System.Api;
        return measurer.MeasureAsync(new Operation($"inclusion proof in a {checkpoint.TreeSize:N0}-entry journal", "op")
        {
            RequestFunction = "Spending/GetInclusionProof",
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = i => ProofAsync(api, checkpoint, sequential[i], hashes),
            ConcurrentRequests = count,
            Concurrent = i => ProofAsync(api, checkpoint, concurrent[i], hashes),
        });
    }

    /// <summary>The proof names the exported entry's hash and the signed root, and its path leads from that entry to that root.</summary>
    private static async Task ProofAsync(BenchApi api, Checkpoint checkpoint, long sequence, IReadOnlyList<string> hashes)
    {
        var proof = await api.SendAsync(HttpMethod.Get, $"audit/regions/{Region}/proofs/inclusion?sequence={sequence}&treeSize={checkpoint.TreeSize}",
            Principals.Auditor, HttpStatusCode.OK);
        var entryHash = hashes[(int)(sequence - 1)];
        var path = proof["proof"]!.Select(h => Convert.FromHexString((string)h!)).ToList();
        if ((string?)proof["entryHash"] != entryHash || (string?)proof["rootHash"] != checkpoint.RootHash
            || !MerkleProofs.VerifyInclusion(sequence - 1, checkpoint.TreeSize, MerkleTree.JournalLeaf(entryHash), path, Convert.FromHexString(checkpoint.RootHash)))
            throw new InvalidOperationException($"The inclusion proof of entry {sequence} does not lead to the signed root of {checkpoint.TreeSize} entries: {proof}");
    }

    /// <summary>
    /// VerifyCommand.Run in this process, as the auditor's command line runs it (reading the three files, parsing, every
    /// hash, the chain, the root and the signature), on an idle system; a full collection before each run, outside its time.
    /// </summary>
    private static async Task<Row> OfflineVerifyAsync(Measurer measurer, Report report, JournalExport export)
    {
        var (system, runs, entries) = (measurer.System, measurer.Sizes.WholeLedgerRequests, export.Hashes.Count);
        Progress.Say($"offline verify of the {entries:N0}-entry export: {runs} run(s)...");
        await system.IdleAsync(measurer.Sizes);
        var latencies = new double[runs];
        var said = "";
        var before = system.Meter.Take();
        for (var run = 0; run < runs; run++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var start = Stopwatch.GetTimestamp();
            said = export.Verify();
            latencies[run] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var cost = system.Meter.Since(before);
        if (!said.StartsWith($"VALID: {entries} entries of {Region};", StringComparison.Ordinal) || said.Contains("not yet covered", StringComparison.Ordinal))
            throw new InvalidOperationException($"The offline verifier did not find all {entries} entries valid and signed: {said}");
        var timing = new Timing(runs, TimeSpan.FromMilliseconds(latencies.Sum()), latencies);
        var rate = timing.RequestsPerSecond * entries;
        var row = new Row($"offline verify of a {entries:N0}-entry export", "entry")
        {
            NotMeasured = NotMeasured.Concurrent,
            SequentialRequests = runs,
            SequentialPerSecond = rate,
            P50Ms = timing.Percentile(50),
            P95Ms = timing.Percentile(95),
            Baseline = Baselines.RangeRows,
            Ratio = rate / measurer.Baselines.PerSecond(Baselines.RangeRows),
            // The verifier reads files only: any storage request counted meanwhile would be the system's, on an idle system none.
            RequestRoundTrips = cost.Total([]) / ((double)runs * entries),
            TotalRoundTrips = cost.Total([]) / ((double)runs * entries),
            DotnetCpuMs = cost.DotnetCpuMs / runs / entries,
            AzuriteCpuMs = cost.AzuriteCpuMs / runs / entries,
        };
        report.Add(row, cost, (double)runs * entries);
        report.Figure($"Offline verify runs (wall time, each after a full collection): {string.Join(", ", latencies.Select(l => l.ToString("0", CultureInfo.InvariantCulture) + " ms"))}; "
            + $"the verifier said: {said}");
        return row;
    }
}
