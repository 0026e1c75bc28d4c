using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Azure.Data.Tables straight against the same Azurite, before the system starts: a single-entity transaction, a
/// 100-entity batch (which also fills the 10,000-row partition), a point read and a 100-row range query of that partition.
/// </summary>
internal static class RawBaselines
{
    private const string RangePartition = "range";

    public static async Task RunAsync(BenchSystem system, Sizes sizes, Baselines baselines, Report report)
    {
        var options = new TableClientOptions();
        options.AddPolicy(StorageRoundTrips.Counter(system.Meter.Run, CostMeter.RawClient), HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(system.Azurite.ConnectionString, options).GetTableClient("rawbaseline");
        await table.CreateIfNotExistsAsync();
        var measure = new RawMeasure(system, baselines, report);

        await measure.RunAsync("raw: single-entity transaction", "op", Baselines.Transaction, 1, sizes.RawTransactions,
            i => table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, Entity("tx", $"s{i:D7}"))]),
            i => table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, Entity("tx", $"c{i:D7}"))]));

        const int batches = Sizes.RawPartitionRows / Sizes.BatchEntities;
        await measure.RunAsync("raw: 100-entity batch", "entity", Baselines.Batch, Sizes.BatchEntities, batches,
            i => table.SubmitTransactionAsync(Batch(RangePartition, i)),
            i => table.SubmitTransactionAsync(Batch($"batch{i % Sizes.Clients}", i)));

        await measure.RunAsync("raw: point read", "op", Baselines.Read, 1, sizes.RawReads,
            i => table.GetEntityAsync<TableEntity>(RangePartition, RangeKey(Spread(i, Sizes.RawPartitionRows))),
            i => table.GetEntityAsync<TableEntity>(RangePartition, RangeKey(Spread(i + 1, Sizes.RawPartitionRows))));

        await measure.RunAsync($"raw: {Sizes.PageRows}-row range query of {Sizes.RawPartitionRows:N0} rows", "query", Baselines.Range, 1, sizes.RawRanges,
            i => RangeAsync(table, i), i => RangeAsync(table, i + 1));
        baselines.Set(Baselines.RangeRows, baselines.PerSecond(Baselines.Range)!.Value * Sizes.PageRows);
    }

    /// <summary>A designation-sized entity: seven properties.</summary>
    private static TableEntity Entity(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["RegionId"] = "achterhoek",
        ["OrganisationCode"] = "GM0222",
        ["OrganisationName"] = "Gemeente Doetinchem",
        ["EffectiveFrom"] = "2025-01-15",
        ["ContactEmail"] = "regiokassier@doetinchem.nl",
        ["DesignatedAt"] = DateTimeOffset.UtcNow,
        ["DesignatedBy"] = "coordinator@minbzk.nl",
    };

    private static List<TableTransactionAction> Batch(string partitionKey, int batch) =>
    [
        .. Enumerable.Range(batch * Sizes.BatchEntities, Sizes.BatchEntities)
            .Select(row => new TableTransactionAction(TableTransactionActionType.Add, Entity(partitionKey, RangeKey(row)))),
    ];

    private static string RangeKey(int row) => "r" + row.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>A fixed walk over the partition (a multiplicative step), so runs read the same rows and no generator is involved.</summary>
    private static int Spread(int i, int modulus) => (int)((i * 7919L) % modulus);

    private static async Task<int> RangeAsync(TableClient table, int i)
    {
        var first = Spread(i, Sizes.RawPartitionRows - Sizes.PageRows);
        var filter = $"PartitionKey eq '{RangePartition}' and RowKey ge '{RangeKey(first)}'";
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Sizes.PageRows).AsPages())
        {
            if (page.Values.Count != Sizes.PageRows) throw new InvalidOperationException($"A range query from {first} gave {page.Values.Count} rows.");
            return page.Values.Count;
        }
        throw new InvalidOperationException($"A range query from {first} gave no page.");
    }
}
