using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// Table Designations, one partition per region: rows "des|{sequence}" (the history, never changed), "wdr|{ticks}"
/// (a withdrawal, keyed by when the designation it withdraws was made; never changed), the region's head
/// (<see cref="HeadRows"/>: the count and what answers "in force", so no write or current-state read scans the
/// history), plus event and idempotency rows. A new designation is an insert at the next sequence with the head
/// replaced under its ETag, so two concurrent designations cannot both take the same place; a withdrawal likewise.
/// </summary>
public sealed class DesignationStore(FundingTables tables)
{
    public const string TableName = "Designations";
    private const string Prefix = "des";
    private const string WithdrawalPrefix = "wdr|";

    /// <summary>
    /// The most history rows one GET /regions/{id}/kassier reads (it answers every designation made): far beyond any
    /// region's succession (a designation starts at most two years ahead and a region has one kassier at a time).
    /// </summary>
    public const int MaxHistoryRows = 100_000;

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public async Task<IReadOnlyList<Designation>> HistoryAsync(string regionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(Prefix + "|")}";
        return await DesignationRows.QueryAsync(table, filter, MaxHistoryRows, cancellationToken);
    }

    /// <summary>Every withdrawal of the region's designations, at most one per designation (so within the history's bound).</summary>
    public async Task<IReadOnlyList<DesignationWithdrawal>> WithdrawalsAsync(string regionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(WithdrawalPrefix)}";
        return await WithdrawalRows.QueryAsync(table, filter, MaxHistoryRows, cancellationToken);
    }

    /// <summary>
    /// The region's head and its ETag (default when there is no head row yet). A region designated before heads were
    /// kept has history but no head: its head is folded from the history on <paramref name="today"/> (once: the next
    /// designation stores it).
    /// </summary>
    public async Task<(KassierHead Head, ETag ETag)> HeadAsync(string regionId, DateOnly today, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(regionId, HeadRows.RowKey, cancellationToken: cancellationToken);
        if (row.HasValue) return (HeadRows.FromEntity(row.Value!), row.Value!.ETag);
        return (KassierHead.Of(await HistoryAsync(regionId, cancellationToken), today), default);
    }

    public static TableEntity ToEntity(Designation d, long sequence) =>
        DesignationRows.ToEntity(d.RegionId, RowKeys.Sequence(Prefix, sequence), d);

    public static TableEntity WithdrawalEntity(DesignationWithdrawal w) =>
        WithdrawalRows.ToEntity(w.RegionId, WithdrawalRows.Key(WithdrawalPrefix, w.DesignatedAt), w);

    public static TableEntity HeadEntity(string regionId, KassierHead head) => HeadRows.ToEntity(regionId, head);
}
