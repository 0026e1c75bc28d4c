using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// Table Allocation. Partitions: "programme|{id}" (row "definition"), "allocation|{id}|{year}|{region}" (row "state",
/// whose ETag serialises estimates and the disbursed mark) and "kassier|{region}" (the kassier projection).
/// Event, idempotency and inbox rows sit beside the state they belong to.
/// </summary>
public sealed class AllocationStore(FundingTables tables)
{
    public const string TableName = "Allocation";
    private const string StateRow = "state";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public static string ProgrammePartition(string programmeId) => ProgrammeRows.Partition(programmeId);

    public static string AllocationPartition(string programmeId, int year, string regionId) =>
        string.Create(CultureInfo.InvariantCulture, $"allocation|{programmeId}|{year}|{regionId}");

    public static Task<Programme?> ProgrammeAsync(TableClient table, string programmeId, CancellationToken cancellationToken) =>
        ProgrammeRows.ReadAsync(table, programmeId, cancellationToken);

    /// <summary>The state and its ETag; a region-year nobody touched yet is awaiting its estimate.</summary>
    public static async Task<(AllocationState State, ETag ETag)> AllocationAsync(TableClient table, Programme programme, int year, string regionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(AllocationPartition(programme.ProgrammeId, year, regionId), StateRow, cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : (AllocationState.Initial(programme.GrossPerRegionPerYear), default);
    }

    public static TableEntity AllocationEntity(string partitionKey, AllocationState s) => new(partitionKey, StateRow)
    {
        ["GrossCents"] = s.Gross.Cents,
        ["EstimateCents"] = s.CompensableVatEstimate?.Cents,
        ["Version"] = s.Version,
        // The freeze: which version a tranche pays, and which tranche holds it (released by that tranche's void).
        ["FreezeVersion"] = s.Freeze?.Version,
        ["FreezeTrancheId"] = s.Freeze?.TrancheId,
        ["LastReleasedSequence"] = s.LastReleasedSequence,
    };

    /// <summary>Every touched allocation of a programme, keyed by (year, region).</summary>
    public static async Task<Dictionary<(int Year, string RegionId), AllocationState>> AllocationsAsync(TableClient table, string programmeId, CancellationToken cancellationToken)
    {
        var prefix = $"allocation|{programmeId}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + "}"} and RowKey eq {StateRow}");
        var result = new Dictionary<(int, string), AllocationState>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var parts = row.PartitionKey.Split('|');
            result[(int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3])] = FromEntity(row);
            if (result.Count > Programmes.MaxYears * Regions.All.Count) throw new InvalidOperationException($"Programme {programmeId} has more allocations than it can.");
        }
        return result;
    }

    private static AllocationState FromEntity(TableEntity e)
    {
        var version = e.GetInt32("Version") ?? 0;
        // Rows written before the freeze had only a Disbursed mark: that is a freeze of the current version by an unnamed tranche.
        var freeze = e.GetString("FreezeTrancheId") is { } trancheId ? new AllocationFreeze(e.GetInt32("FreezeVersion") ?? version, trancheId)
            : e.GetBoolean("Disbursed") == true ? new AllocationFreeze(version, AllocationFreeze.UnnamedTrancheId)
            : null;
        return new AllocationState(Money.FromCents(e.GetInt64("GrossCents")!.Value),
            e.GetInt64("EstimateCents") is { } estimate ? Money.FromCents(estimate) : null, version, freeze, e.GetInt32("LastReleasedSequence") ?? 0);
    }
}
