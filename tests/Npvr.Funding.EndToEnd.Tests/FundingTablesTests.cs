using Azure.Data.Tables;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Storage;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class FundingTablesTests
{
    [Fact]
    public async Task A_table_that_could_not_be_created_is_tried_again_on_the_next_call()
    {
        var azurite = await SharedAzurite.GetAsync();
        var port = azurite.TablePort;
        // First against a port where nothing listens, then against Azurite, through the same FundingTables.
        var unreachable = new TableServiceClient(azurite.ConnectionString.Replace($":{port}/", ":9/", StringComparison.Ordinal),
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        var router = new SwitchableService(unreachable, new TableServiceClient(azurite.ConnectionString));
        var tables = new FundingTables(router, "r" + Guid.NewGuid().ToString("N")[..8]);

        await Assert.ThrowsAnyAsync<Exception>(() => tables.GetAsync("Things", CancellationToken.None));
        router.UseSecond();
        var table = await tables.GetAsync("Things", CancellationToken.None);

        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    /// <summary>A service client whose table clients come from one of two accounts.</summary>
    private sealed class SwitchableService(TableServiceClient first, TableServiceClient second) : TableServiceClient
    {
        private TableServiceClient _current = first;

        public void UseSecond() => _current = second;

        public override TableClient GetTableClient(string tableName) => _current.GetTableClient(tableName);
    }
}
