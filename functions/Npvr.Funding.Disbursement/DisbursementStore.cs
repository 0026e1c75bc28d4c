using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// Table Disbursement. Partitions: "regionyear|{programme}|{year}|{region}" (tranches, the latest allocation, pending
/// freezes: everything one tranche decision needs, so it commits in one transaction), "run|{runId}" (an issue run and
/// its regions' outcomes), "programme|{id}" and "kassier|{region}" (projections of other apps' events).
/// </summary>
public sealed class DisbursementStore(FundingTables tables)
{
    public const string TableName = "Disbursement";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public static string RegionYearPartition(string programmeId, int year, string regionId) =>
        string.Create(CultureInfo.InvariantCulture, $"regionyear|{programmeId}|{year}|{regionId}");

    /// <summary>The region-year's tranches (sequence order), its latest allocation and its pending freezes.</summary>
    public static async Task<RegionYearState> RegionYearAsync(TableClient table, string programmeId, int year, string regionId, CancellationToken cancellationToken)
    {
        var partition = RegionYearPartition(programmeId, year, regionId);
        var tranches = new List<Tranche>();
        var pending = new List<PendingTranche>();
        AllocationFacts? allocation = null;
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        ETag allocationETag = default;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            + $" and (RowKey eq '{TrancheRows.AllocationRow}' or ({RowKeys.RangeFilter(TrancheRows.PendingPrefix)}) or ({RowKeys.RangeFilter(TrancheRows.TranchePrefix + "|")}))";
        // Bounded: at most MaxTranches tranches, as many pending rows, and one allocation row.
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.RowKey == TrancheRows.AllocationRow) (allocation, allocationETag) = (TrancheRows.AllocationFrom(row), row.ETag);
            else if (row.RowKey.StartsWith(TrancheRows.PendingPrefix, StringComparison.Ordinal)) pending.Add(TrancheRows.PendingFrom(row, programmeId, year, regionId));
            else
            {
                var tranche = TrancheRows.FromEntity(row);
                tranches.Add(tranche);
                etags[tranche.TrancheId] = row.ETag;
            }
            if (tranches.Count + pending.Count > 2 * RegionYearTranches.MaxTranches + 1)
                throw new InvalidOperationException($"{partition} holds more rows than a region-year can.");
        }
        return new RegionYearState(partition, new RegionYearTranches(programmeId, year, regionId, tranches), allocation, allocationETag, pending, etags);
    }

    /// <summary>The organisation code of the kassier in force today (the projection of KassierDesignated), or null.</summary>
    public static async Task<OrganisationCode?> KassierAsync(TableClient table, string regionId, DateOnly today, CancellationToken cancellationToken) =>
        await KassierProjection.InForceAsync(table, regionId, today, cancellationToken) is { } code ? OrganisationCode.Parse(code) : null;

    public static Task<Programme?> ProgrammeAsync(TableClient table, string programmeId, CancellationToken cancellationToken) =>
        ProgrammeRows.ReadAsync(table, programmeId, cancellationToken);

    /// <summary>Every fact the issue decision needs about one region-year, read now.</summary>
    public static async Task<RegionYearFacts> FactsAsync(TableClient table, string programmeId, int year, string regionId, DateOnly today, CancellationToken cancellationToken)
    {
        var state = await RegionYearAsync(table, programmeId, year, regionId, cancellationToken);
        var kassier = await KassierAsync(table, regionId, today, cancellationToken);
        return new RegionYearFacts(regionId, state.Allocation, kassier, state.Tranches);
    }
}

/// <summary>A region-year as read: its partition, tranches, latest allocation and pending freezes.</summary>
public sealed record RegionYearState(string Partition, RegionYearTranches Tranches, AllocationFacts? Allocation, ETag AllocationETag,
    IReadOnlyList<PendingTranche> Pending, IReadOnlyDictionary<string, ETag> TrancheETags)
{
    /// <summary>The ETag of a tranche row read here; replacing it with this ETag fails if anyone changed it since.</summary>
    public ETag ETagOf(string trancheId) => TrancheETags[trancheId];

    public PendingTranche? PendingFor(string trancheId) => Pending.FirstOrDefault(p => p.TrancheId == trancheId);
}
