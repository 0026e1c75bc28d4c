using System.Net;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Spending;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 12 point 8: a journal stored before issue 12 (format 1: rows without a format, subtree hashes or frontier)
/// verifies under its own rules, the next event continues it in format 2 (after the Merkle backfill), and a format-1
/// entry never passes as format 2.
/// </summary>
public sealed class JournalMigrationTests
{
    private const string Region = "achterhoek";

    [Fact]
    public async Task A_journal_stored_in_format_1_verifies_and_the_next_event_continues_it_in_format_2()
    {
        await using var system = await TestSystem.StartAsync();
        var stored = await StoreFormat1JournalAsync(system, entries: 3);

        var designated = await system.Api.PutAsync($"regions/{Region}/kassier", Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();
        var verify = await system.Api.GetAsync($"audit/regions/{Region}/verify", Principals.Auditor);
        var journal = (JArray)(await system.Api.GetAsync($"audit/regions/{Region}/journal", Principals.Auditor)).Json["items"]!;

        Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        Assert.True((bool?)verify.Json["valid"] == true && (long?)verify.Json["entries"] == 4, verify.ToString());
        Assert.Equal([1, 1, 1, 2], journal.Select(e => (int)e["format"]!));
        Assert.Equal(stored[^1].Hash, (string?)journal[3]["previousHash"]);
        Assert.Equal(stored.Select(e => e.Hash), journal.Take(3).Select(e => (string?)e["hash"]));
        var checkpoint = await system.Api.GetAsync($"audit/regions/{Region}/checkpoint", Principals.Auditor);
        Assert.Equal(4, (long?)checkpoint.Json["treeSize"]);
    }

    [Theory]
    [InlineData("relabelled as format 2")]
    [InlineData("content edited")]
    public async Task A_format_1_entry_that_was_changed_breaks_the_chain_at_that_entry(string change)
    {
        await using var system = await TestSystem.StartAsync();
        await StoreFormat1JournalAsync(system, entries: 3);
        var table = system.Table(JournalStore.TableName);
        var row = (await table.GetEntityAsync<TableEntity>(Region, JournalStore.EntryKey(2))).Value;
        if (change == "content edited") row["Content"] = row.GetString("Content")!.Replace("Gemeente Doetinchem", "Gemeente Doetinchen", StringComparison.Ordinal);
        else row["Format"] = JournalV2.Format;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var verify = await system.Api.GetAsync($"audit/regions/{Region}/verify", Principals.Auditor);

        Assert.True((bool?)verify.Json["valid"] == false && (long?)verify.Json["firstBrokenSequence"] == 2, verify.ToString());
    }

    /// <summary>Rows as the Spending app wrote them before issue 12: entries with sequence, hashes and content only, and a head without a frontier.</summary>
    private static async Task<List<JournalEntry>> StoreFormat1JournalAsync(TestSystem system, int entries)
    {
        var table = system.Table(JournalStore.TableName);
        await table.CreateIfNotExistsAsync();
        var head = JournalV1.Genesis;
        var stored = new List<JournalEntry>();
        for (var i = 1; i <= entries; i++)
        {
            var designated = new JObject
            {
                ["regionId"] = Region, ["organisationCode"] = "GM0222", ["organisationName"] = "Gemeente Doetinchem", ["organisationKind"] = "gemeente",
                ["effectiveFrom"] = $"2025-0{i}-01", ["contactEmail"] = null, ["designatedAt"] = $"2025-0{i}-01T09:00:00.0000000Z", ["designatedBy"] = "coordinator@minbzk.nl",
            };
            // The envelope as it was then (no actor, no personal data), with its sequence: format 1's hashed content.
            var content = new JObject
            {
                ["sequence"] = i, ["eventId"] = Guid.NewGuid().ToString("N"), ["type"] = EventTypes.KassierDesignated,
                ["occurredAt"] = $"2025-0{i}-01T09:00:00.0000000Z", ["regionId"] = Region, ["programmeId"] = null,
                ["correlationId"] = $"c-{i}", ["causationId"] = null, ["data"] = designated,
            };
            var canonical = CanonicalJson.Write(content);
            var entry = new JournalEntry(i, head.Hash, JournalV1.HashOf(head.Hash, canonical), canonical, JournalV1.Format);
            await table.AddEntityAsync(new TableEntity(Region, JournalStore.EntryKey(entry.Sequence))
            {
                ["Sequence"] = entry.Sequence, ["PreviousHash"] = entry.PreviousHash, ["Hash"] = entry.Hash, ["Content"] = entry.Content,
            });
            stored.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        await table.AddEntityAsync(new TableEntity(Region, JournalStore.HeadRow) { ["Sequence"] = head.Sequence, ["Hash"] = head.Hash });
        return stored;
    }
}
