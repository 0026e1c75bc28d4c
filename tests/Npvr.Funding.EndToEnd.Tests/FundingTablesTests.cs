using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
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

    [Fact]
    public async Task With_Storage_CountRoundTrips_set_every_request_of_the_tables_client_is_counted_under_its_app()
    {
        var azurite = await SharedAzurite.GetAsync();
        var run = "count-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = Configuration(azurite.ConnectionString, run);

        var table = await FundingTables.FromConfiguration(configuration).GetAsync("Things", CancellationToken.None);
        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.GetEntityIfExistsAsync<TableEntity>("p", "r");

        // Creating the table, the insert and the read; outside any function invocation (no HTTP request in this test).
        var counted = StorageRoundTrips.Counter(run, "Npvr.Funding.Counted").Snapshot();
        Assert.Equal(new Dictionary<string, long> { [StorageRoundTrips.OutsideInvocations] = 3 }, counted);
    }

    [Fact]
    public void Without_Storage_CountRoundTrips_nothing_is_counted()
    {
        Assert.Null(StorageRoundTrips.FromConfiguration(Configuration("UseDevelopmentStorage=true", run: null)));
        Assert.Null(StorageRoundTrips.FromConfiguration(Configuration("UseDevelopmentStorage=true", run: "")));
    }

    private static IConfiguration Configuration(string connectionString, string? run) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TablePrefix"] = "c" + Guid.NewGuid().ToString("N")[..8],
            [StorageRoundTrips.SettingName] = run,
            ["applicationName"] = "Npvr.Funding.Counted",
        })
        .Build();

    /// <summary>A service client whose table clients come from one of two accounts.</summary>
    private sealed class SwitchableService(TableServiceClient first, TableServiceClient second) : TableServiceClient
    {
        private TableServiceClient _current = first;

        public void UseSecond() => _current = second;

        public override TableClient GetTableClient(string tableName) => _current.GetTableClient(tableName);
    }
}
