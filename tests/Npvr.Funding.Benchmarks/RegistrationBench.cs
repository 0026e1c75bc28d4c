using System.Net;
using Newtonsoft.Json;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Benchmarks;

/// <summary>Kassier designations (the write of issue 15's first figures) and the two reads that grow with their history.</summary>
internal static class RegistrationBench
{
    private const string App = "Registration";

    /// <summary>Reads sent before each read is measured (see <see cref="Operation.WarmUpRequests"/>).</summary>
    private const int WarmUp = 3;

    /// <summary>Every region's kassier (the GM9xxx of <see cref="Principals.KassierCodeOf"/>), applied by every app.</summary>
    public static async Task DesignateAllAsync(BenchSystem system, Sizes sizes)
    {
        foreach (var region in Regions.All)
        {
            await DesignateAsync(system.Api, region.Id, "setup-" + region.Id);
            var staff = JsonConvert.SerializeObject(new { tenantId = Principals.Tenant.ToString("D"), displayName = "Kassier " + region.Id });
            await system.Api.SendAsync(HttpMethod.Put, $"organisations/{Principals.KassierCodeOf(region.Id)}/staff/{Principals.StaffObjectIdOf(region.Id):D}",
                Principals.Coordinator, HttpStatusCode.OK, staff, "setup-staff-" + region.Id);
        }
        await system.IdleAsync(sizes);
    }

    /// <summary>The same kassier again each time (so later operations keep their access), under a new Idempotency-Key.</summary>
    public static Task<Row> DesignationsAsync(Measurer measurer, string run, string when = "")
    {
        var count = measurer.Sizes.SmallOperations;
        return measurer.MeasureAsync(new Operation("designate a kassier" + when, "op")
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
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = _ => api.SendAsync(HttpMethod.Get, "regions", Principals.Auditor, HttpStatusCode.OK),
            ConcurrentRequests = count,
            Concurrent = _ => api.SendAsync(HttpMethod.Get, "regions", Principals.Auditor, HttpStatusCode.OK),
        });
        await measurer.MeasureAsync(new Operation($"GET a region's kassier at {designations} designations", "op")
        {
            RequestFunction = $"{App}/GetKassier",
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = i => api.SendAsync(HttpMethod.Get, $"regions/{RegionOf(i)}/kassier", Principals.Auditor, HttpStatusCode.OK),
            ConcurrentRequests = count,
            Concurrent = i => api.SendAsync(HttpMethod.Get, $"regions/{RegionOf(i)}/kassier", Principals.Auditor, HttpStatusCode.OK),
        });
    }

    /// <summary>
    /// Grows the stored history to <paramref name="total"/> designations without the API (100-entity batches straight into
    /// Registration's table, at sequences from 1,000,000 on, which no designation through the API reaches): the reads
    /// and the next designation are then measured against a long history in minutes instead of an hour of designating.
    /// Only Registration's history grows (no events, no journal): what is measured is whether its paths read it.
    /// Returns the designations stored then.
    /// </summary>
    public static async Task<int> SeedHistoryAsync(BenchSystem system, int stored, int total)
    {
        const long firstSeededSequence = 1_000_000;
        var table = new Azure.Data.Tables.TableServiceClient(system.Azurite.ConnectionString).GetTableClient(BenchSystem.TablePrefix + "Designations");
        var perRegion = (total - stored + Regions.All.Count - 1) / Regions.All.Count;
        Progress.Say($"seeding {perRegion * Regions.All.Count:N0} designations into Registration's table...");
        foreach (var region in Regions.All)
        {
            var designation = new Domain.Registration.Designation(region.Id, OrganisationCode.Parse("GM0153"), "Gemeente Enschede", new DateOnly(2024, 12, 1),
                null, DateTimeOffset.UtcNow, "coordinator@minbzk.nl");
            var rows = Enumerable.Range(0, perRegion).Select(n =>
                Storage.DesignationRows.ToEntity(region.Id, Storage.RowKeys.Sequence("des", firstSeededSequence + n), designation));
            foreach (var batch in rows.Chunk(Sizes.BatchEntities))
                await table.SubmitTransactionAsync(batch.Select(e => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, e)));
        }
        return stored + (perRegion * Regions.All.Count);
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
