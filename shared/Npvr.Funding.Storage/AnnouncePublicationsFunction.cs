using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// AnnouncePublications (timer, issue 12 point 7): finds the app's outbox rows that were published and not yet
/// announced, and publishes per region a PublicationsAnnounced event naming their ids through the outbox; Spending
/// journals it in the region's hash chain, where the completeness check compares it with what the journal holds.
/// Then the rows are marked Announced. A crash between the two announces the same ids again: harmless, the check
/// compares sets. Rows without a region, commands and announcements have no Announced property (OutboxRows.Announceable)
/// and are never found. Scans like SweepOutbox (<see cref="OutboxScan"/>).
/// </summary>
public sealed class AnnouncePublicationsFunction(FundingTables tables, OutboxOptions options, Outbox outbox, IHostEnvironment environment, TimeProvider clock,
    ILogger<AnnouncePublicationsFunction> logger) : IFunction
{
    public const string FunctionName = "AnnouncePublications";

    /// <summary>Rows per page: a page's rows of one region make one announcement, so never more than it may name.</summary>
    public const int RowsPerPage = PublicationsAnnounced.MaxEventIds;

    /// <summary>Bounds one run: at most this many pages per table (2,000 events a minute per table; the next run goes on).</summary>
    public const int MaxPagesPerRun = 20;

    private readonly OutboxScan _scan = new(RowsPerPage, MaxPagesPerRun);

    public string Name => FunctionName;

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var home = await tables.GetAsync(options.Tables[0], cancellationToken);
        var (announced, announcements, deferred) = (0, 0, 0);
        foreach (var tableName in options.Tables)
        {
            var table = await tables.GetAsync(tableName, cancellationToken);
            var run = await AnnounceTableAsync(tableName, table, home, cancellationToken);
            (announced, announcements, deferred) = (announced + run.Announced, announcements + run.Announcements, deferred + run.Deferred);
        }
        return new InvocationResult().Log($"{environment.ApplicationName} announced {announced} published event(s) in {announcements} announcement(s); {deferred} left for the next run.");
    }

    private async Task<(int Announced, int Announcements, int Deferred)> AnnounceTableAsync(string tableName, TableClient table, TableClient home, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Published eq {true} and Announced eq {false}");
        var (announced, announcements, deferred) = (0, 0, 0);
        await foreach (var page in _scan.PagesAsync(tableName, table, filter, ["PartitionKey", "RowKey", "Envelope"], cancellationToken))
        {
            foreach (var region in page.GroupBy(RegionOf, StringComparer.Ordinal))
            {
                var rows = region.ToList();
                if (await AnnounceAsync(home, region.Key, rows, cancellationToken) && await MarkAsync(table, rows, cancellationToken))
                    (announced, announcements) = (announced + rows.Count, announcements + 1);
                else deferred += rows.Count;
            }
        }
        return (announced, announcements, deferred);
    }

    private static string RegionOf(TableEntity row) =>
        OutboxRows.FromEntity(row).Envelope.RegionId ?? throw new InvalidOperationException($"Outbox row {row.PartitionKey}/{row.RowKey} awaits announcing and names no region.");

    /// <summary>Commits the announcement with its numbering counter, then publishes it (the sweep does, if this send fails).</summary>
    private async Task<bool> AnnounceAsync(TableClient home, string regionId, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > PublicationsAnnounced.MaxEventIds) throw new InvalidOperationException($"{rows.Count} ids exceed one announcement's {PublicationsAnnounced.MaxEventIds}.");
        var counter = await AnnouncementRows.ReadAsync(home, regionId, cancellationToken);
        var now = clock.GetUtcNow();
        var eventIds = rows.Select(r => r.RowKey[RowKeys.EventPrefix.Length..]).ToList();
        var data = new PublicationsAnnounced(environment.ApplicationName, regionId, counter.Sequence + 1, eventIds, counter.AnnouncedTotal + eventIds.Count, now);
        var envelope = EventEnvelope.Create(EventTypes.PublicationsAnnounced, data, now, regionId, null, Guid.NewGuid().ToString("N"), null, Actor.System);
        var write = new PartitionWrite(AnnouncementRows.Partition(regionId))
            .Replace(AnnouncementRows.ToEntity(regionId, data.Sequence, data.AnnouncedTotal), counter.ETag)
            .Publish(OutboxMessage.Event(envelope));
        var outcome = await TableCommit.CommitAsync(home, write, cancellationToken);
        if (outcome != CommitOutcome.Committed)
        {
            // Another run numbered an announcement at the same time: these rows wait for the next run.
            logger.LogInformation("Announcing {Count} event(s) of {Region} met {Outcome}; the next run announces them.", rows.Count, regionId, outcome);
            return false;
        }
        await outbox.PublishAndMarkAsync(home, write, cancellationToken);
        return true;
    }

    /// <summary>Marks the announced rows, one transaction per partition (a page holds at most 100 rows, the transaction limit).</summary>
    private async Task<bool> MarkAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
                await table.SubmitTransactionAsync(partition.Select(r => OutboxRows.AnnouncedMark(partition.Key, r.RowKey, now)), cancellationToken);
            return true;
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Marking {Count} announced event(s) failed; the next run announces them again (harmless: the check compares sets).", rows.Count);
            return false;
        }
    }
}
