using System.Net.Sockets;
using Azure.Data.Tables;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>The runner's own life cycle: endpoint, connection string, stop, persistence across restarts.</summary>
public sealed class AzuriteRunnerTests
{
    [Fact]
    public async Task Runner_exposes_endpoint_and_connection_string_and_dispose_stops_azurite()
    {
        AzuriteRunner azurite = await AzuriteRunner.StartAsync(AzuriteFixture.Options());
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
            await using (AzuriteRunner first = await AzuriteRunner.StartAsync(AzuriteFixture.Options(location: location)))
            {
                TableClient table = new TableServiceClient(first.ConnectionString).GetTableClient("kept");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "r"));
            }

            await using AzuriteRunner second = await AzuriteRunner.StartAsync(AzuriteFixture.Options(location: location));
            TableClient again = new TableServiceClient(second.ConnectionString).GetTableClient("kept");
            Assert.Equal("r", (await again.GetEntityAsync<TableEntity>("p", "r")).Value.RowKey);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }
}
