using Azure.Data.Tables;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Storage;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>How a failed transaction is classified, against real Azurite.</summary>
public sealed class TableCommitTests
{
    [Fact]
    public async Task A_guard_row_that_exists_means_already_done_and_nothing_is_written()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "inbox|x"));

        var write = new PartitionWrite("p").Insert(new TableEntity("p", "state")).InsertGuard(new TableEntity("p", "inbox|x"));
        var outcome = await TableCommit.CommitAsync(table, write, CancellationToken.None);

        Assert.Equal(CommitOutcome.AlreadyDone, outcome);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "state")).HasValue);
    }

    [Fact]
    public async Task An_ordinary_row_that_exists_means_conflict()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "state"));

        var write = new PartitionWrite("p").Insert(new TableEntity("p", "state")).InsertGuard(new TableEntity("p", "inbox|x"));

        Assert.Equal(CommitOutcome.Conflict, await TableCommit.CommitAsync(table, write, CancellationToken.None));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "inbox|x")).HasValue);
    }

    [Fact]
    public async Task A_stale_etag_means_conflict()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "state") { ["N"] = 1 });
        var read = (await table.GetEntityAsync<TableEntity>("p", "state")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "state") { ["N"] = 2 }, read.ETag);

        var write = new PartitionWrite("p").Replace(new TableEntity("p", "state") { ["N"] = 3 }, read.ETag);

        Assert.Equal(CommitOutcome.Conflict, await TableCommit.CommitAsync(table, write, CancellationToken.None));
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "state")).Value.GetInt32("N"));
    }

    private static async Task<TableClient> NewTableAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("c" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        return table;
    }
}
