using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>
/// The rewrite of Azurite's point lookups (RowKey index first): it applies to the pinned Azurite, refuses another
/// shape, and the rewritten emulator still finds an entity by both keys when RowKeys repeat across partitions.
/// </summary>
public sealed class RowKeyFirstLookupsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Lookup = "        const doc = coll.findOne({\n            PartitionKey: entity.PartitionKey,\n            RowKey: entity.RowKey\n        });\n";

    [Fact]
    public void The_installed_azurite_looks_entities_up_by_row_key_first_in_all_six_places()
    {
        string store = File.ReadAllText(RowKeyFirstLookups.StorePath(RepositoryRoot.InfraDirectory()));

        Assert.StartsWith(RowKeyFirstLookups.Marker + "\n", store, StringComparison.Ordinal);
        Assert.Equal(RowKeyFirstLookups.ExpectedLookups, Regex.Matches(store, @"findOne\(\{\s*RowKey: [^,]+,\s*PartitionKey: ").Count);
        Assert.Empty(Regex.Matches(store, @"findOne\(\{\s*PartitionKey: [^,]+,\s*RowKey: "));
    }

    [Fact]
    public void Rewriting_swaps_the_keys_once_and_a_second_rewrite_changes_nothing()
    {
        string original = string.Concat(Enumerable.Repeat(Lookup, RowKeyFirstLookups.ExpectedLookups));

        string rewritten = RowKeyFirstLookups.Rewrite(original);

        Assert.Contains("findOne({\n            RowKey: entity.RowKey,\n            PartitionKey: entity.PartitionKey\n        });", rewritten, StringComparison.Ordinal);
        Assert.Equal(rewritten, RowKeyFirstLookups.Rewrite(rewritten));
    }

    [Fact]
    public void A_store_of_another_shape_is_refused_rather_than_half_rewritten()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => RowKeyFirstLookups.Rewrite(Lookup));

        Assert.Contains("1 point lookups", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Point_operations_keep_both_keys_when_row_keys_repeat_across_partitions()
    {
        TableClient table = new TableServiceClient(azurite.Runner.ConnectionString).GetTableClient("rowkeyfirst");
        await table.CreateIfNotExistsAsync();
        foreach (string partition in new[] { "a", "b", "c" })
            await table.AddEntityAsync(new TableEntity(partition, "head") { ["Owner"] = partition });

        Assert.Equal("b", (await table.GetEntityAsync<TableEntity>("b", "head")).Value.GetString("Owner"));
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("c", "head")));
        Assert.Equal(409, duplicate.Status);
        await table.UpdateEntityAsync(new TableEntity("a", "head") { ["Owner"] = "changed" }, ETag.All, TableUpdateMode.Replace);
        await table.DeleteEntityAsync("b", "head");
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("b", "head")).HasValue);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("d", "head"))).Status);
        var rows = new List<(string, string?)>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>()) rows.Add((row.PartitionKey, row.GetString("Owner")));
        Assert.Equal([("a", "changed"), ("c", "c")], rows);
    }
}
