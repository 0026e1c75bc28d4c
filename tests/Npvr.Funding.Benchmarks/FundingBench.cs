using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Estimates, issuing a year and receipts over two programmes of every region and three years: the sequential phase
/// works programme A, the concurrent phase programme B, so each region-year is estimated, issued and confirmed once per
/// phase as in production.
/// </summary>
internal static class FundingBench
{
    public const string ProgrammeA = "bench-a";
    public const string ProgrammeB = "bench-b";
    private const int Years = 3;
    private const int FirstYear = 2025;
    private const string CompensableVat = "1000.00";
    private const string NetDu = "349000.00"; // 350,000.00 gross less the estimate above

    /// <summary>Bounds one issue run's polling; every poll waits this long first.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static int RegionYears => Regions.All.Count * Years;

    public static async Task DefineAsync(BenchSystem system, Sizes sizes, params string[] programmeIds)
    {
        foreach (var id in programmeIds)
        {
            var body = JsonConvert.SerializeObject(new
            {
                name = "Benchmark " + id, instrument = "DU", fund = "Gemeentefonds", years = new[] { 2025, 2026, 2027 },
                regions = Regions.All.Select(r => r.Id).ToArray(), grossPerRegionPerYear = "350000.00",
            });
            await system.Api.SendAsync(HttpMethod.Put, $"programmes/{id}", Principals.Finance, HttpStatusCode.Created, body);
        }
        await system.IdleAsync(sizes);
    }

    public static Task<Row> EstimatesAsync(Measurer measurer, string run)
    {
        var count = RegionYears * measurer.Sizes.EstimateRounds;
        return measurer.MeasureAsync(new Operation("estimate VAT (determine an allocation)", "op")
        {
            RequestFunction = "Allocation/SubmitVatEstimate",
            Baseline = Baselines.Transaction,
            SequentialRequests = count,
            Sequential = i => EstimateAsync(measurer.System.Api, ProgrammeA, i, $"{run}-estimate-s{i}"),
            ConcurrentRequests = count,
            Concurrent = i => EstimateAsync(measurer.System.Api, ProgrammeB, i, $"{run}-estimate-c{i}"),
        });
    }

    /// <summary>Issuing a year fans out to every region of the programme: the unit is a region issued.</summary>
    public static Task<Row> IssuesAsync(Measurer measurer, string run) =>
        measurer.MeasureAsync(new Operation($"issue a year ({Regions.All.Count} regions, until every tranche is issued)", "region")
        {
            UnitsPerRequest = Regions.All.Count,
            RequestFunction = "Disbursement/IssueYear",
            Probes = ["Disbursement/GetTrancheRun"],
            Baseline = Baselines.Transaction,
            SequentialRequests = Years,
            Sequential = i => IssueAsync(measurer, ProgrammeA, FirstYear + i, $"{run}-issue-s{i}"),
            ConcurrentRequests = Years,
            ConcurrentClients = Years,
            Concurrent = i => IssueAsync(measurer, ProgrammeB, FirstYear + i, $"{run}-issue-c{i}"),
        });

    public static Task<Row> ReceiptsAsync(Measurer measurer, string run) =>
        measurer.MeasureAsync(new Operation("confirm a receipt", "op")
        {
            RequestFunction = "Disbursement/ConfirmReceipt",
            Baseline = Baselines.Transaction,
            SequentialRequests = RegionYears,
            Sequential = i => ReceiptAsync(measurer.System.Api, ProgrammeA, i, $"{run}-receipt-s{i}"),
            ConcurrentRequests = RegionYears,
            Concurrent = i => ReceiptAsync(measurer.System.Api, ProgrammeB, i, $"{run}-receipt-c{i}"),
        });

    /// <summary>Request i works region i mod 11 (so concurrent client c keeps to region c) in year 2025 + (i / 11) mod 3.</summary>
    private static (string RegionId, int Year) RegionYear(int i) => (RegistrationBench.RegionOf(i), FirstYear + (i / Regions.All.Count % Years));

    private static Task EstimateAsync(BenchApi api, string programmeId, int i, string key)
    {
        var (regionId, year) = RegionYear(i);
        return api.SendAsync(HttpMethod.Put, $"programmes/{programmeId}/years/{year}/regions/{regionId}/vat-estimate", Principals.KassierOf(regionId),
            HttpStatusCode.OK, JsonConvert.SerializeObject(new { compensableVat = CompensableVat }), key);
    }

    private static async Task IssueAsync(Measurer measurer, string programmeId, int year, string key)
    {
        var api = measurer.System.Api;
        var started = await api.SendAsync(HttpMethod.Post, $"programmes/{programmeId}/years/{year}/tranches", Principals.Finance, HttpStatusCode.Accepted, "{}", key);
        var runId = (string)started["runId"]!;
        var deadline = DateTimeOffset.UtcNow + measurer.Sizes.IdleTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(PollInterval);
            var run = await api.SendAsync(HttpMethod.Get, $"tranche-runs/{runId}", Principals.Finance, HttpStatusCode.OK);
            var outcomes = run["regions"]!.Select(r => ((string?)r["outcome"], (string?)r["trancheId"])).ToList();
            if (outcomes.Any(o => o.Item1 == "queued")) continue;
            // Every region paid exactly once: issued, as its first tranche of the year.
            if (outcomes.Count != Regions.All.Count || outcomes.Any(o => o.Item1 != "issued" || o.Item2?.EndsWith(".1", StringComparison.Ordinal) != true))
                throw new InvalidOperationException($"Issue run {runId} ended unexpectedly: {run["regions"]}");
            return;
        }
        throw new TimeoutException($"Issue run {runId} did not finish within {measurer.Sizes.IdleTimeout}.");
    }

    private static Task ReceiptAsync(BenchApi api, string programmeId, int i, string key)
    {
        var (regionId, year) = RegionYear(i);
        var body = new JObject
        {
            ["receivedOn"] = BusinessDate.InAmsterdam(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["amount"] = NetDu,
            ["bankReference"] = $"B-{programmeId}-{year}-{regionId}",
        };
        return api.SendAsync(HttpMethod.Post, $"tranches/{programmeId}.{year}.{regionId}.1/receipt", Principals.KassierOf(regionId), HttpStatusCode.OK,
            body.ToString(Formatting.None), key);
    }
}
