using Azure.Data.Tables;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// Table Designations, one partition per region: rows "des|{sequence}" (the history, never changed),
/// plus event, idempotency rows. A new designation is an insert at the next sequence, so two
/// concurrent designations cannot both take the same place.
/// </summary>
public sealed class DesignationStore(FundingTables tables)
{
    public const string TableName = "Designations";
    private const string Prefix = "des";
    private const int MaxRows = 1000;

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public async Task<IReadOnlyList<Designation>> HistoryAsync(string regionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(Prefix + "|")}";
        return await QueryAsync(table, filter, cancellationToken);
    }

    /// <summary>Every region's history, grouped by region id.</summary>
    public async Task<ILookup<string, Designation>> AllAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var designations = await QueryAsync(table, RowKeys.RangeFilter(Prefix + "|"), cancellationToken);
        return designations.ToLookup(d => d.RegionId, StringComparer.Ordinal);
    }

    public static TableEntity ToEntity(Designation d, int sequence) =>
        DesignationRows.ToEntity(d.RegionId, RowKeys.Sequence(Prefix, sequence), d);

    private static Task<List<Designation>> QueryAsync(TableClient table, string filter, CancellationToken cancellationToken) =>
        DesignationRows.QueryAsync(table, filter, MaxRows, cancellationToken);
}
