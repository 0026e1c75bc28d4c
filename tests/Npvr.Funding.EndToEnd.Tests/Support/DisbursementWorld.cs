using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>
/// The NPVR programme with a gemeente kassier designated for every region (the Achterhoek's is Doetinchem GM0222) and
/// estimates submitted for the regions asked for, all events applied: ready for Finance to issue a year.
/// </summary>
internal static class DisbursementWorld
{
    public const string Doetinchem = "GM0222";

    public static string KassierCodeOf(string regionId) => Principals.RegionKassierCode(regionId);

    public static string KassierOf(string regionId) => Principals.Kassier(KassierCodeOf(regionId));

    /// <summary>The compensable VAT each region estimates: the Achterhoek's worked example, others a figure of their own.</summary>
    public static string EstimateOf(string regionId) => regionId == "achterhoek"
        ? "8677.69"
        : string.Create(CultureInfo.InvariantCulture, $"{1000 + (137 * Regions.All.ToList().FindIndex(r => r.Id == regionId))}.{Regions.All.Count:D2}");

    public static async Task<TestSystem> ReadyAsync(IEnumerable<string> estimatedRegions, bool enableTimers = false)
    {
        var system = await TestSystem.StartAsync(enableTimers);
        Assert.Equal(HttpStatusCode.Created, (await system.Api.PutAsync(NpvrProgramme.Programme, Principals.Finance, NpvrProgramme.Definition())).Status);
        foreach (var region in Regions.All)
        {
            var designated = await system.Api.PutAsync($"regions/{region.Id}/kassier", Principals.Coordinator,
                new { organisationCode = KassierCodeOf(region.Id), organisationName = "Gemeente " + region.Id, effectiveFrom = "2025-01-15" });
            Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        }
        await system.IdleAsync();
        foreach (var regionId in estimatedRegions)
        {
            var estimate = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, regionId), KassierOf(regionId), new { compensableVat = EstimateOf(regionId) });
            Assert.True(estimate.Status == HttpStatusCode.OK, estimate.ToString());
        }
        await system.IdleAsync();
        return system;
    }

    /// <summary>Waits for a condition of the local host (a message reaching a queue), bounded by the idle timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestSystem.IdleTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(20);
        }
    }

    public static string IssuePath(int year) => $"{NpvrProgramme.Programme}/years/{year}/tranches";

    /// <summary>Every tranche of a year as Finance lists them, all pages.</summary>
    public static async Task<List<JObject>> TranchesAsync(TestSystem system, int year, string principal = "")
    {
        var result = new List<JObject>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var path = $"tranches?programmeId={NpvrProgramme.ProgrammeId}&year={year}&pageSize=5" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await system.Api.GetAsync(path, principal.Length == 0 ? Principals.Finance : principal);
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            result.AddRange(response.Json["items"]!.OfType<JObject>());
            token = (string?)response.Json["continuationToken"];
            if (token is null) return result;
        }
        throw new InvalidOperationException("More than 100 pages of tranches.");
    }

    public static async Task<JArray> JournalAsync(TestSystem system, string regionId)
    {
        var response = await system.Api.GetAsync($"audit/regions/{regionId}/journal?pageSize=1000", Principals.Auditor);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return (JArray)response.Json["items"]!;
    }

    public static async Task AssertJournalVerifiesAsync(TestSystem system, string regionId)
    {
        var verify = await system.Api.GetAsync($"audit/regions/{regionId}/verify", Principals.Auditor);
        Assert.True((bool?)verify.Json["valid"] == true, $"{regionId}: {verify}");
    }

    public static int Count(JArray journal, string type) => journal.Count(e => (string?)e["entry"]!["type"] == type);
}
