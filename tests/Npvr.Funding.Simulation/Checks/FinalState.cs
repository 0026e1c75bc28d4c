using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Harness;
using Npvr.Funding.Simulation.Workload;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>One outbox row ("evt|{eventId}") as an app wrote it, read straight from its table.</summary>
internal sealed record OutboxRow(string Table, string Partition, string EventId, string Type, string Destination, bool Published, string? RegionId);

/// <summary>Everything the invariants look at, read once the system is quiesced.</summary>
internal sealed class FinalState
{
    /// <summary>Statements are read from the programme's first year to one past its last (the carry-over out of 2027).</summary>
    public static readonly int[] StatementYears = [2025, 2026, 2027, 2028];

    /// <summary>A seed's journal fits in one page of 1,000; a few pages at most if something duplicated entries wildly.</summary>
    private const int MaxJournalPages = 20;

    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<OutboxRow> Outbox { get; init; }
    public required IReadOnlyDictionary<string, List<JObject>> Journals { get; init; }
    public required IReadOnlyList<JObject> Tranches { get; init; }
    public required IReadOnlyList<JObject> Allocations { get; init; }
    public required IReadOnlyDictionary<(string Region, int Year), JObject> Statements { get; init; }

    public static EventEnvelope Envelope(JObject journalEntry) => FundingJson.Deserialize<EventEnvelope>(journalEntry["entry"]!.ToString());

    public static async Task<FinalState> ReadAsync(SimSystem system, SimClient client, World world)
    {
        var outbox = await ReadOutboxAsync(system);
        var regions = world.Regions.Concat(outbox.Select(o => o.RegionId).OfType<string>()).Distinct().Order(StringComparer.Ordinal).ToList();
        var journals = new Dictionary<string, List<JObject>>(StringComparer.Ordinal);
        foreach (var region in regions) journals[region] = await JournalAsync(client, region);
        var statements = new Dictionary<(string, int), JObject>();
        foreach (var region in world.Regions)
            foreach (var year in StatementYears)
                statements[(region, year)] = await client.ReadAsync($"regions/{region}/statement?programmeId={World.ProgrammeId}&year={year}", Principals.Auditor);
        return new FinalState
        {
            Regions = regions,
            Outbox = outbox,
            Journals = journals,
            Tranches = await Snapshot.TranchesAsync(client),
            Allocations = (await client.ReadAsync($"programmes/{World.ProgrammeId}/allocations", Principals.Finance))["items"]!.OfType<JObject>().ToList(),
            Statements = statements,
        };
    }

    /// <summary>Every outbox row of every table of the seed (each app keeps its events beside the state they belong to).</summary>
    public static async Task<List<OutboxRow>> ReadOutboxAsync(SimSystem system)
    {
        var rows = new List<OutboxRow>();
        foreach (var table in await system.TablesAsync())
        {
            await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>("RowKey ge 'evt|' and RowKey lt 'evt}'"))
            {
                var envelope = FundingJson.Deserialize<EventEnvelope>(row.GetString("Envelope"));
                rows.Add(new OutboxRow(table.Name, row.PartitionKey, envelope.EventId, envelope.Type, row.GetString("Destination") ?? "",
                    row.GetBoolean("Published") == true, envelope.RegionId));
            }
        }
        return rows;
    }

    private static async Task<List<JObject>> JournalAsync(SimClient client, string regionId)
    {
        var entries = new List<JObject>();
        string? token = null;
        for (var page = 0; page < MaxJournalPages; page++)
        {
            var path = $"audit/regions/{regionId}/journal?pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var answer = await client.ReadAsync(path, Principals.Auditor);
            entries.AddRange(answer["items"]!.OfType<JObject>());
            token = (string?)answer["continuationToken"];
            if (token is null) return entries;
        }
        throw new InvalidOperationException($"More than {MaxJournalPages} pages of journal for {regionId}.");
    }
}
