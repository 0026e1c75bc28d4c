using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Workload;

/// <summary>
/// What the users can see once the system is quiet: each region's kassier in force, the tranches and the allocations.
/// Read only after the system is idle, so it is the same on every run of the seed where the system is deterministic.
/// </summary>
internal sealed record Snapshot(IReadOnlyDictionary<string, JObject?> Kassiers, IReadOnlyList<JObject> Tranches, IReadOnlyList<JObject> Allocations)
{
    /// <summary>Every tranche page: a seed makes a few dozen tranches at most.</summary>
    private const int MaxTranchePages = 20;

    public static Snapshot Empty { get; } = new(new Dictionary<string, JObject?>(), [], []);

    public static async Task<Snapshot> ReadAsync(SimClient client, World world)
    {
        var regions = await client.ReadAsync("regions", Principals.Coordinator);
        var kassiers = regions["items"]!.OfType<JObject>()
            .Where(r => world.Regions.Contains((string)r["regionId"]!))
            .ToDictionary(r => (string)r["regionId"]!, r => r["kassier"] as JObject, StringComparer.Ordinal);
        var allocations = (await client.ReadAsync($"programmes/{World.ProgrammeId}/allocations", Principals.Finance))["items"]!.OfType<JObject>().ToList();
        return new Snapshot(kassiers, await TranchesAsync(client), allocations);
    }

    public static async Task<List<JObject>> TranchesAsync(SimClient client)
    {
        var tranches = new List<JObject>();
        string? token = null;
        for (var page = 0; page < MaxTranchePages; page++)
        {
            var path = $"tranches?programmeId={World.ProgrammeId}&pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var answer = await client.ReadAsync(path, Principals.Finance);
            tranches.AddRange(answer["items"]!.OfType<JObject>());
            token = (string?)answer["continuationToken"];
            if (token is null) return tranches;
        }
        throw new InvalidOperationException($"More than {MaxTranchePages} pages of tranches.");
    }

    /// <summary>The organisation in force for the region, or null.</summary>
    public string? KassierOf(string regionId) => Kassiers.GetValueOrDefault(regionId) is { } designation ? (string?)designation["organisationCode"] : null;

    public string? EffectiveFromOf(string regionId) => Kassiers.GetValueOrDefault(regionId) is { } designation ? (string?)designation["effectiveFrom"] : null;

    public IEnumerable<JObject> TranchesWith(string status) => Tranches.Where(t => (string?)t["status"] == status);
}
