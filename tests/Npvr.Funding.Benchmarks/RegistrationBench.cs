using System.Net;
using Newtonsoft.Json;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Benchmarks;

/// <summary>Kassier designations (the write of issue 15's first figures) and the two reads that grow with their history.</summary>
internal static class RegistrationBench
{
    private const string App = "Registration";

    /// <summary>Every region's kassier (the GM9xxx of <see cref="Principals.KassierCodeOf"/>), applied by every app.</summary>
    public static async Task DesignateAllAsync(BenchSystem system, Sizes sizes)
    {
        foreach (var region in Regions.All) await DesignateAsync(system.Api, region.Id, "setup-" + region.Id);
        await system.IdleAsync(sizes);
    }

    /// <summary>The same kassier again each time (so later operations keep their access), under a new Idempotency-Key.</summary>
    public static Task<Row> DesignationsAsync(Measurer measurer, string run)
    {
        var count = measurer.Sizes.SmallOperations;
        return measurer.MeasureAsync(new Operation("designate a kassier", "op")
        {
            RequestFunction = $"{App}/DesignateKassier",
            Baseline = Baselines.Transaction,
            SequentialRequests = count,
            Sequential = i => DesignateAsync(measurer.System.Api, RegionOf(i), $"{run}-designate-s{i}"),
            ConcurrentRequests = count,
            // Client c designates region c only: eleven regions written at once, none contending with another client.
            Concurrent = i => DesignateAsync(measurer.System.Api, RegionOf(i), $"{run}-designate-c{i}"),
        });
    }

    /// <summary>GET /regions and GET /regions/{id}/kassier with <paramref name="designations"/> designations stored.</summary>
    public static async Task ReadsAsync(Measurer measurer, int designations)
    {
        var count = measurer.Sizes.SmallOperations;
        var api = measurer.System.Api;
        await measurer.MeasureAsync(new Operation($"GET /regions at {designations} designations", "op")
        {
            RequestFunction = $"{App}/ListRegions",
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = _ => api.SendAsync(HttpMethod.Get, "regions", Principals.Auditor, HttpStatusCode.OK),
            ConcurrentRequests = count,
            Concurrent = _ => api.SendAsync(HttpMethod.Get, "regions", Principals.Auditor, HttpStatusCode.OK),
        });
        await measurer.MeasureAsync(new Operation($"GET a region's kassier at {designations} designations", "op")
        {
            RequestFunction = $"{App}/GetKassier",
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = i => api.SendAsync(HttpMethod.Get, $"regions/{RegionOf(i)}/kassier", Principals.Auditor, HttpStatusCode.OK),
            ConcurrentRequests = count,
            Concurrent = i => api.SendAsync(HttpMethod.Get, $"regions/{RegionOf(i)}/kassier", Principals.Auditor, HttpStatusCode.OK),
        });
    }

    public static string RegionOf(int i) => Regions.All[i % Regions.All.Count].Id;

    private static Task DesignateAsync(BenchApi api, string regionId, string idempotencyKey)
    {
        var body = JsonConvert.SerializeObject(new
        {
            organisationCode = Principals.KassierCodeOf(regionId),
            organisationName = "Gemeente " + regionId,
            effectiveFrom = "2025-01-15",
            contactEmail = "regiokassier@example.nl",
        });
        return api.SendAsync(HttpMethod.Put, $"regions/{regionId}/kassier", Principals.Coordinator, HttpStatusCode.OK, body, idempotencyKey);
    }
}
