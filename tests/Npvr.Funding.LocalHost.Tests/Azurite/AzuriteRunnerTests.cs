using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>
/// Runs the real Azurite from infra/node_modules (installing it with npm ci if needed). These tests fail, never skip,
/// when Azurite cannot start: the local host depends on it.
/// </summary>
public sealed class AzuriteRunnerTests
{
    private static AzuriteOptions Options(int port = 0, string? location = null) =>
        new() { InfraDirectory = RepositoryRoot.InfraDirectory(), TablePort = port, Location = location };

    [Fact]
    public async Task Azurite_table_service_supports_create_insert_query_and_a_batch_transaction()
    {
        await using AzuriteRunner azurite = await AzuriteRunner.StartAsync(Options());
        var service = new TableServiceClient(azurite.ConnectionString);
        TableClient table = service.GetTableClient("roundtrip");

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
        await using AzuriteRunner azurite = await AzuriteRunner.StartAsync(Options());
        TableClient table = new TableServiceClient(azurite.ConnectionString).GetTableClient("atomic");
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
    public async Task Runner_exposes_endpoint_and_connection_string_and_dispose_stops_azurite()
    {
        AzuriteRunner azurite = await AzuriteRunner.StartAsync(Options());
        int port = azurite.TablePort;

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/devstoreaccount1"), azurite.TableEndpoint);
        Assert.Equal(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            azurite.ConnectionString);

        await azurite.DisposeAsync();
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task Data_written_with_a_location_survives_a_restart()
    {
        string location = Path.Combine(Path.GetTempPath(), $"npvr-azurite-test-{Guid.NewGuid():N}");
        try
        {
            await using (AzuriteRunner first = await AzuriteRunner.StartAsync(Options(location: location)))
            {
                TableClient table = new TableServiceClient(first.ConnectionString).GetTableClient("kept");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "r"));
            }

            await using AzuriteRunner second = await AzuriteRunner.StartAsync(Options(location: location));
            TableClient again = new TableServiceClient(second.ConnectionString).GetTableClient("kept");
            Assert.Equal("r", (await again.GetEntityAsync<TableEntity>("p", "r")).Value.RowKey);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task Start_on_a_taken_port_fails_loudly_with_azurite_output()
    {
        await using AzuriteRunner first = await AzuriteRunner.StartAsync(Options());

        var error = await Assert.ThrowsAsync<AddressInUseException>(() => AzuriteRunner.StartAsync(Options(port: first.TablePort)));

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
