using System.Net;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Storage;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 15: current state in a head row per region. Reads and designations cost the same however long a region's
/// history is, and no history length turns into a 500 (before heads, 1,000 designations made every read and write fail).
/// </summary>
public sealed class RegistrationHeadTests
{
    /// <summary>Beyond the old 1,000-row cap; written straight into the table (an API run of this many takes minutes here).</summary>
    private const int SeededHistory = 1_500;

    [Fact]
    public async Task Listing_regions_reads_one_head_per_region_however_long_the_history_is()
    {
        var run = "heads-" + Guid.NewGuid().ToString("N")[..8];
        await using var system = await TestSystem.StartAsync(appSettings: new Dictionary<string, string?> { [StorageRoundTrips.SettingName] = run });
        foreach (var region in Regions.All)
            Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync($"regions/{region.Id}/kassier", Principals.Coordinator, Requests.Doetinchem())).Status);
        await SeedHistoryAsync(system, "twente", firstSequence: 2);

        var before = ListRegionsRoundTrips(run);
        var listed = await system.Api.GetAsync("regions", Principals.Auditor);

        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.Equal(Regions.All.Count, ListRegionsRoundTrips(run) - before);
        // The head knows only what went through the API: the seeded rows are history, never current state.
        Assert.All(listed.Json["items"]!, item => Assert.Equal("GM0222", (string?)item["kassier"]!["organisationCode"]));
    }

    [Fact]
    public async Task A_region_designated_before_heads_were_kept_gets_its_head_from_the_history_and_is_designated_again()
    {
        await using var system = await TestSystem.StartAsync();
        await SeedHistoryAsync(system, "twente", firstSequence: 1);

        var listed = await system.Api.GetAsync("regions", Principals.Auditor);
        var designated = await system.Api.PutAsync("regions/twente/kassier", Principals.Coordinator, Requests.Gelderland("2025-03-01"));
        var kassier = await system.Api.GetAsync("regions/twente/kassier", Principals.Auditor);
        var listedAfter = await system.Api.GetAsync("regions", Principals.Auditor);

        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.Equal("GM0153", (string?)Twente(listed)["organisationCode"]);
        Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        Assert.True(kassier.Status == HttpStatusCode.OK, kassier.ToString()[..Math.Min(500, kassier.ToString().Length)]);
        Assert.Equal(SeededHistory + 1, kassier.Json["history"]!.Count());
        Assert.Equal("PV25", (string?)kassier.Json["current"]!["organisationCode"]);
        Assert.Equal("PV25", (string?)Twente(listedAfter)["organisationCode"]);
        var stored = await system.Table(DesignationStoreTable).GetEntityIfExistsAsync<TableEntity>("twente", RowKeys.Sequence("des", SeededHistory + 1));
        Assert.True(stored.HasValue, "The designation took the place after the seeded history.");
    }

    [Fact]
    public async Task A_kassier_whose_region_has_a_long_designation_history_in_another_apps_copy_may_still_estimate()
    {
        await using var system = await TestSystem.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem())).Status);
        Assert.Equal(HttpStatusCode.Created, (await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition())).Status);
        await system.IdleAsync();
        await SeedProjectionAsync(system, "Allocation", "achterhoek");

        var estimate = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "achterhoek"), DisbursementWorld.KassierOf("achterhoek"), new { compensableVat = "8677.69" });

        Assert.True(estimate.Status == HttpStatusCode.OK, estimate.ToString());
    }

    private const string DesignationStoreTable = "Designations";

    /// <summary>Older designations (Enschede, before Doetinchem's) in an app's copy, keyed as KassierProjection keys them.</summary>
    private static async Task SeedProjectionAsync(TestSystem system, string tableName, string regionId)
    {
        var table = system.Table(tableName);
        var partition = KassierProjection.Partition(regionId);
        var rows = Enumerable.Range(0, SeededHistory).Select(i =>
        {
            var madeAt = new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
            var designation = new Designation(regionId, OrganisationCode.Parse("GM0153"), "Gemeente Enschede", new DateOnly(2024, 12, 1), null, madeAt, "coordinator@minbzk.nl");
            return DesignationRows.ToEntity(partition, $"des|{madeAt.UtcTicks:D19}|{Guid.NewGuid()}", designation);
        });
        foreach (var batch in rows.Chunk(PartitionWrite.MaxActions))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
    }

    private static Newtonsoft.Json.Linq.JToken Twente(ApiResponse listed) =>
        listed.Json["items"]!.Single(i => (string?)i["regionId"] == "twente")["kassier"]!;

    /// <summary>Rows "des|n" as Registration writes them (Gemeente Enschede, GM0153, from 2025-01-01), without touching the head.</summary>
    private static async Task SeedHistoryAsync(TestSystem system, string regionId, int firstSequence)
    {
        var table = system.Table(DesignationStoreTable);
        await table.CreateIfNotExistsAsync();
        var designation = new Designation(regionId, OrganisationCode.Parse("GM0153"), "Gemeente Enschede", new DateOnly(2025, 1, 1), null,
            DateTimeOffset.UtcNow, "coordinator@minbzk.nl");
        var rows = Enumerable.Range(firstSequence, SeededHistory).Select(n => DesignationRows.ToEntity(regionId, RowKeys.Sequence("des", n), designation));
        foreach (var batch in rows.Chunk(PartitionWrite.MaxActions))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
    }

    private static long ListRegionsRoundTrips(string run) =>
        StorageRoundTrips.Counter(run, "Npvr.Funding.Registration").Snapshot().GetValueOrDefault("ListRegions");
}
