using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Npvr.Funding.Storage;

/// <summary>
/// The app's tables. In Azure: Storage:TableEndpoint with the managed identity (shared keys are disabled);
/// locally: Storage:ConnectionString (Azurite). Storage:TablePrefix lets several test runs share one Azurite.
/// Storage:CountRoundTrips (benchmark only) adds a counting policy to the client: see <see cref="StorageRoundTrips"/>.
/// </summary>
public sealed class FundingTables
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public FundingTables(TableServiceClient service, string prefix)
    {
        _service = service;
        _prefix = prefix;
    }

    public static FundingTables FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration["Storage:ConnectionString"];
        var endpoint = configuration["Storage:TableEndpoint"];
        var prefix = configuration["Storage:TablePrefix"] ?? "";
        var options = new TableClientOptions();
        if (StorageRoundTrips.FromConfiguration(configuration) is { } counter) options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        if (!string.IsNullOrEmpty(connectionString)) return new FundingTables(new TableServiceClient(connectionString, options), prefix);
        if (!string.IsNullOrEmpty(endpoint)) return new FundingTables(new TableServiceClient(new Uri(endpoint), new DefaultAzureCredential(), options), prefix);
        throw new InvalidOperationException("Table Storage is not configured: set Storage__TableEndpoint (Azure) or Storage__ConnectionString (local).");
    }

    /// <summary>The table, created on first use. Names are letters and digits only (Table Storage rule).</summary>
    public async Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var creation = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(_prefix + n)));
        try
        {
            return await creation.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed creation (storage briefly unreachable) must not be remembered: the next call tries again.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, creation));
            throw;
        }
    }

    // Not tied to one caller's cancellation: the task is shared by every caller of this table.
    private async Task<TableClient> CreateAsync(string fullName)
    {
        var client = _service.GetTableClient(fullName);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
