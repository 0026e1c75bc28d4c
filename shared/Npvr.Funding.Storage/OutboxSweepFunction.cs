using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// SweepOutbox (timer): publishes and marks every outbox row still unpublished after Outbox:SweepAfterSeconds
/// (default 60), so a message survives a crash between commit and publish, or a broker that refused it for a while.
/// Each run scans a bounded number of pages from where the previous run stopped (<see cref="OutboxScan"/>).
/// </summary>
public sealed class OutboxSweepFunction(FundingTables tables, OutboxOptions options, Outbox outbox, IConfiguration configuration, TimeProvider clock) : IFunction
{
    /// <summary>Rows asked for per page; one partition's rows are published in one batch of at most this many.</summary>
    public const int RowsPerPage = 100;

    /// <summary>Bounds one run's scanning and publishing: at most this many pages per table (the next run goes on).</summary>
    public const int MaxPagesPerSweep = 20;

    private readonly OutboxScan _scan = new(RowsPerPage, MaxPagesPerSweep);

    public string Name => "SweepOutbox";

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddSeconds(-configuration.GetValue("Outbox:SweepAfterSeconds", 60));
        var published = 0;
        var failed = 0;
        foreach (var tableName in options.Tables)
        {
            var table = await tables.GetAsync(tableName, cancellationToken);
            var (ok, notOk) = await SweepAsync(tableName, table, cutoff, cancellationToken);
            published += ok;
            failed += notOk;
        }
        return new InvocationResult().Log($"Sweep published {published} and could not publish {failed} message(s) unpublished since before {cutoff:O}.");
    }

    private async Task<(int Published, int Failed)> SweepAsync(string tableName, TableClient table, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Published eq {false} and OccurredAt le {cutoff}");
        var (published, failed) = (0, 0);
        await foreach (var page in _scan.PagesAsync(tableName, table, filter, null, cancellationToken))
        {
            foreach (var partition in page.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
            {
                var messages = partition.Select(OutboxRows.FromEntity).ToList();
                if (await outbox.PublishAndMarkAsync(table, partition.Key, messages, cancellationToken)) published += messages.Count;
                else failed += messages.Count;
            }
        }
        return (published, failed);
    }
}
