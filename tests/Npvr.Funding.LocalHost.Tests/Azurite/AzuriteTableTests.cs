using Azure;
using Azure.Data.Tables;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>
/// Table Storage through the Azure SDK against the real Azurite from infra/node_modules (installed with npm ci if
/// needed). These fail, never skip, when Azurite cannot start: the local host depends on it.
/// </summary>
public sealed class AzuriteTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Azurite_table_service_supports_create_insert_query_and_a_batch_transaction()
    {
        TableClient table = new TableServiceClient(azurite.Runner.ConnectionString).GetTableClient("roundtrip");

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("region-1", "single") { ["Amount"] = 125L });
        Response<IReadOnlyList<Response>> batch = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("region-1", "b1") { ["Amount"] = 1L }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("region-1", "b2") { ["Amount"] = 2L }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("region-1", "single") { ["Amount"] = 7L }),
        ]);

        Assert.Equal(3, batch.Value.Count);
        TableEntity single = (await table.GetEntityAsync<TableEntity>("region-1", "single")).Value;
        Assert.Equal(7L, single.GetInt64("Amount"));
        List<TableEntity> all = await ToListAsync(table.QueryAsync<TableEntity>(e => e.PartitionKey == "region-1"));
        Assert.Equal(["b1", "b2", "single"], all.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Failed_batch_transaction_applies_none_of_its_actions()
    {
        TableClient table = new TableServiceClient(azurite.Runner.ConnectionString).GetTableClient("atomic");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists"));

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "exists")),
        ]));

        Assert.Equal(["exists"], (await ToListAsync(table.QueryAsync<TableEntity>())).Select(e => e.RowKey));
    }

    [Fact]
    public async Task Start_on_a_taken_port_fails_loudly_with_azurite_output()
    {
        var error = await Assert.ThrowsAsync<AddressInUseException>(async () =>
        {
            // Disposed if it wrongly starts, so that a failing test leaves no Azurite behind.
            await using AzuriteRunner unexpected = await AzuriteRunner.StartAsync(AzuriteFixture.Options(port: azurite.Runner.TablePort));
        });

        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ToListAsync<T>(AsyncPageable<T> pages)
        where T : notnull
    {
        var items = new List<T>();
        await foreach (T item in pages)
        {
            items.Add(item);
        }

        return items;
    }
}
