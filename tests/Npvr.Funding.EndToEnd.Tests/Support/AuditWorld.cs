using System.Net;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>A region's journal made through the API, and the ways an attacker with write access to its table changes it.</summary>
internal static class AuditWorld
{
    public static readonly string[] Years = ["2025-01-01", "2026-01-01", "2027-01-01"];

    /// <summary>One KassierDesignated a year: three journal entries, each linked and checkpointed on its own.</summary>
    public static async Task DesignateEachYearAsync(TestSystem system, string regionId)
    {
        foreach (var year in Years)
        {
            var response = await system.Api.PutAsync($"regions/{regionId}/kassier", Principals.Coordinator, Requests.Doetinchem(year));
            Assert.True(response.Status is HttpStatusCode.OK or HttpStatusCode.Created, response.ToString());
            await system.IdleAsync();
        }
    }

    public static async Task<JObject> VerifyAsync(TestSystem system, string regionId)
    {
        var response = await system.Api.GetAsync($"audit/regions/{regionId}/verify", Principals.Auditor);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json;
    }

    public static async Task<Checkpoint> CheckpointAsync(TestSystem system, string regionId)
    {
        var response = await system.Api.GetAsync($"audit/regions/{regionId}/checkpoint", Principals.Auditor);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return Checkpoint.FromJson(Exact(response));
    }

    public static async Task<List<AuditKey>> KeysAsync(TestSystem system)
    {
        var response = await system.Api.GetAsync("audit/keys", Principals.Auditor);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return [.. ((JArray)Exact(response)["keys"]!).OfType<JObject>().Select(AuditKey.FromJson)];
    }

    /// <summary>The body as sent: timestamps stay the strings that were signed (ApiResponse.Json would read them as dates).</summary>
    public static JObject Exact(ApiResponse response) => (JObject)Npvr.Funding.Contracts.FundingJson.Parse(response.Body);

    public static List<TableEntity> EntryRows(TestSystem system, string regionId) =>
        [.. system.Table("Journal").Query<TableEntity>(e => e.PartitionKey == regionId && e.RowKey.CompareTo("entry|") > 0 && e.RowKey.CompareTo("entry}") < 0)
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)];

    public static TableEntity HeadRow(TestSystem system, string regionId) => system.Table("Journal").GetEntity<TableEntity>(regionId, "head").Value;

    /// <summary>
    /// Writes <paramref name="entries"/> as the region's whole journal the way the linker would (subtree hashes on
    /// each row, frontier on the head), deleting rows past them: a self-consistent journal.
    /// </summary>
    public static void Rewrite(TestSystem system, string regionId, IReadOnlyList<JournalEntry> entries)
    {
        var table = system.Table("Journal");
        foreach (var stale in EntryRows(system, regionId).Where(r => r.GetInt64("Sequence") > entries.Count)) table.DeleteEntity(stale);
        var frontier = MerkleFrontier.Empty;
        foreach (var entry in entries)
        {
            frontier = frontier.Append(MerkleTree.JournalLeaf(entry.Hash), out var subtrees);
            table.UpsertEntity(new TableEntity(regionId, $"entry|{entry.Sequence:D12}")
            {
                ["Sequence"] = entry.Sequence,
                ["Format"] = entry.Format,
                ["PreviousHash"] = entry.PreviousHash,
                ["Hash"] = entry.Hash,
                ["Content"] = entry.Content,
                ["Subtrees"] = string.Join(',', subtrees.Select(Convert.ToHexStringLower)),
            }, TableUpdateMode.Replace);
        }
        var head = HeadRow(system, regionId);
        head["Sequence"] = (long)entries.Count;
        head["Hash"] = entries.Count == 0 ? JournalV2.Genesis(regionId).Hash : entries[^1].Hash;
        head["Frontier"] = frontier.ToText();
        table.UpdateEntity(head, head.ETag, TableUpdateMode.Replace);
    }

    public static JournalEntry EntryOf(TableEntity row) =>
        new(row.GetInt64("Sequence")!.Value, row.GetString("PreviousHash"), row.GetString("Hash"), row.GetString("Content"), row.GetInt32("Format") ?? 1);
}
