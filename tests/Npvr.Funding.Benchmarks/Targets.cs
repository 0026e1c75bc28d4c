using System.Globalization;

namespace Npvr.Funding.Benchmarks;

/// <summary>Issue 15's and issue 12's targets against this run's table: each line says met or missed, with the figure.</summary>
internal static class Targets
{
    /// <summary>Issue 15 measured 8.7 ms of CPU per designation in the local host and apps; the target is half.</summary>
    private const double DesignationCpuTargetMs = 8.7 / 2;

    /// <summary>Issue 12's acceptance: an inclusion proof in a region of this many entries, and a full verify of as many.</summary>
    private const long AuditTargetEntries = 100_000;

    private const double InclusionProofP95TargetMs = 50;
    private const double FullVerifyTargetMs = 10_000;

    public static IEnumerable<TargetList> Evaluate(Report report, RunOptions options) =>
    [
        new("issue 15", options.AuditOnly ? [$"not evaluated: --only {RunOptions.AuditGroup} measures the raw baselines and the audit rows only"] : Speed(report)),
        new("issue 12", AuditTrail(report)),
    ];

    /// <summary>
    /// Read against the offline verifier: the auditor's full verification, which trusts nothing of the system; the API
    /// route's time is mostly Azurite paging the journal out of its partition (see docs/performance.md).
    /// </summary>
    private static IEnumerable<string> AuditTrail(Report report)
    {
        var entries = report.AuditedEntries ?? 0;
        var proof = Find(report, "inclusion proof");
        var offline = Find(report, "offline verify");
        var route = Find(report, "full verify");
        yield return Judge(entries, proof.P95Ms <= InclusionProofP95TargetMs,
            $"inclusion proof p95 <= {N(InclusionProofP95TargetMs)} ms: {N(proof.P95Ms)} ms sequential, {N(proof.ConcurrentP95Ms)} ms with {proof.ConcurrentClients} clients ({proof.Operation})");
        yield return Judge(entries, offline.P95Ms < FullVerifyTargetMs,
            $"full verify of {AuditTargetEntries:N0} entries < {N(FullVerifyTargetMs / 1000)} s: the offline verifier took {N(offline.P95Ms / 1000)} s at most over {offline.SequentialRequests} runs "
            + $"({N(offline.SequentialPerSecond)} entries/s; {offline.Operation}); the API route {N(route.P50Ms / 1000)} s p50 (Azurite paging the journal out)");
    }

    /// <summary>Met or missed at the target's size; a smaller journal (--quick) gives the figure but answers nothing.</summary>
    private static string Judge(long entries, bool met, string line) =>
        entries >= AuditTargetEntries ? Check(met, line) : $"not measurable at this size ({entries:N0} entries, not {AuditTargetEntries:N0}): {line}";

    private static Row Find(Report report, string prefix) => report.Rows.First(r => r.Operation.StartsWith(prefix, StringComparison.Ordinal));

    private static IEnumerable<string> Speed(Report report)
    {
        Row Find(string prefix) => report.Rows.First(r => r.Operation.StartsWith(prefix, StringComparison.Ordinal));
        Row Last(string prefix) => report.Rows.Last(r => r.Operation.StartsWith(prefix, StringComparison.Ordinal));
        var designate = Find("designate a kassier");
        var estimate = Find("estimate VAT");
        var entry = Find("record a spending entry");
        var receipt = Find("confirm a receipt");

        yield return Check(new[] { designate, estimate, entry }.All(r => r.RequestRoundTrips <= 2),
            $"request path <= 2 round trips: designate {N(designate.RequestRoundTrips)}, estimate {N(estimate.RequestRoundTrips)}, spending entry {N(entry.RequestRoundTrips)}");
        var consumers = new[] { designate, estimate, receipt, entry }
            .SelectMany(r => report.ConsumerTrips(r.Operation).Select(c => (Operation: r.Operation, Function: c.Key, Trips: c.Value)))
            .OrderByDescending(c => c.Trips).ToList();
        // A miss names every consumer above the target; a pass names the highest.
        var over = consumers.Where(c => c.Trips > 3).ToList();
        yield return Check(over.Count == 0,
            "<= 3 round trips per consumer per event: " + string.Join("; ", (over.Count > 0 ? over : consumers.Take(1)).Select(c => $"{c.Function} {N(c.Trips)} ({c.Operation})")));
        var import = Find("import ");
        yield return Check(import.Ratio >= 0.8, $"CSV import >= 0.8x raw batched inserts: {N(import.Ratio)}x ({N(import.SequentialPerSecond)} lines/s)");
        yield return Check(designate.Ratio >= 0.5, $"sequential designation >= 0.5x raw transaction: {N(designate.Ratio)}x ({N(designate.SequentialPerSecond)}/s)");
        yield return Check(designate.DotnetCpuMs <= DesignationCpuTargetMs,
            $"CPU per designation <= {N(DesignationCpuTargetMs)} ms: {N(designate.DotnetCpuMs)} ms in this process (local host, apps and the benchmark client), "
            + $"{N(designate.AzuriteCpuMs)} ms in Azurite, until every consumer applied it");
        var issue = Find("issue a year");
        yield return $"not measurable: issuing 342 regions (the domain has exactly 11; a programme may list only those): 11 regions took p50 {N(issue.P50Ms)} ms, "
            + "each issued exactly once (the benchmark checks every run)";
        var page = Find("page ");
        yield return Check(page.P95Ms <= 50, $"page of 100 p95 <= 50 ms: {N(page.P95Ms)} ms ({page.Operation})");
        yield return "export in constant memory: see the peak working set above (the custom-handler protocol carries a response whole, so it is not streamed)";
        var start = Find("start-up to first 200: Registration");
        yield return Check(start.P50Ms <= 300, $"app start-up to first 200 <= 300 ms: p50 {N(start.P50Ms)} ms ({start.Operation})");
        var (regionsShort, regionsLong) = (Find("GET /regions"), Last("GET /regions"));
        var (kassierShort, kassierLong) = (Find("GET a region's kassier"), Last("GET a region's kassier"));
        yield return Check(regionsShort.RequestRoundTrips == regionsLong.RequestRoundTrips,
            $"flat reads: {regionsShort.Operation} {N(regionsShort.RequestRoundTrips)} round trips, {N(regionsShort.SequentialPerSecond)}/s; "
            + $"{regionsLong.Operation} {N(regionsLong.RequestRoundTrips)}, {N(regionsLong.SequentialPerSecond)}/s; "
            + $"kassier {N(kassierShort.SequentialPerSecond)}/s then {N(kassierLong.SequentialPerSecond)}/s (its answer lists every designation, so it grows)");
    }

    private static string Check(bool met, string line) => (met ? "met: " : "MISSED: ") + line;

    private static string N(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture) : "?";
}
