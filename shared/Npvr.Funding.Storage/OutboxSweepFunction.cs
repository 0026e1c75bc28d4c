using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// SweepOutbox (timer): re-sends a notice for every event still unrelayed after Outbox:SweepAfterSeconds
/// (default 60), so an event survives a crash between the table write and the host receiving our outputs.
/// </summary>
public sealed class OutboxSweepFunction(FundingTables tables, OutboxOptions options, IConfiguration configuration, TimeProvider clock) : IFunction
{
    /// <summary>Bounds one sweep; the next sweep takes the rest.</summary>
    public const int MaxEventsPerSweep = 1000;

    public string Name => "SweepOutbox";

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddSeconds(-configuration.GetValue("Outbox:SweepAfterSeconds", 60));
        var notices = new List<string>();
        foreach (var tableName in options.Tables)
        {
            var table = await tables.GetAsync(tableName, cancellationToken);
            var pending = await PendingAsync(table, cutoff, MaxEventsPerSweep - notices.Count, cancellationToken);
            notices.AddRange(pending
                .GroupBy(row => row.PartitionKey)
                .SelectMany(g => g.Chunk(OutboxNotice.MaxEvents).Select(chunk =>
                    FundingJson.Serialize(new OutboxNotice(tableName, g.Key, chunk.Select(r => r.RowKey[RowKeys.EventPrefix.Length..]).ToList())))));
        }
        return new InvocationResult().WithMessages(OutboxOptions.NoticeBinding, notices)
            .Log($"Sweep found {notices.Count} notice(s) of unrelayed events older than {cutoff:O}.");
    }

    private static async Task<List<TableEntity>> PendingAsync(TableClient table, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        if (limit <= 0) return rows;
        var filter = TableClient.CreateQueryFilter($"Relayed eq {false} and OccurredAt le {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= limit) break;
        }
        return rows;
    }
}
