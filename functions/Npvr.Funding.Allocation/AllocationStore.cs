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
    private const string DefinitionRow = "definition";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public static string ProgrammePartition(string programmeId) => "programme|" + programmeId;

    public static string AllocationPartition(string programmeId, int year, string regionId) =>
        string.Create(CultureInfo.InvariantCulture, $"allocation|{programmeId}|{year}|{regionId}");

    public static async Task<Programme?> ProgrammeAsync(TableClient table, string programmeId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ProgrammePartition(programmeId), DefinitionRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var e = row.Value!;
        return new Programme(programmeId, e.GetString("Name")!, e.GetString("Instrument")!, e.GetString("Fund")!,
            e.GetString("Years")!.Split(',').Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToList(),
            e.GetString("Regions")!.Split(','), Money.FromCents(e.GetInt64("GrossCents")!.Value));
    }

    public static TableEntity ProgrammeEntity(Programme p) => new(ProgrammePartition(p.ProgrammeId), DefinitionRow)
    {
        ["Name"] = p.Name,
        ["Instrument"] = p.Instrument,
        ["Fund"] = p.Fund,
        ["Years"] = string.Join(',', p.Years),
        ["Regions"] = string.Join(',', p.Regions),
        ["GrossCents"] = p.GrossPerRegionPerYear.Cents,
    };

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
        ["Disbursed"] = s.Disbursed,
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

    private static AllocationState FromEntity(TableEntity e) => new(
        Money.FromCents(e.GetInt64("GrossCents")!.Value),
        e.GetInt64("EstimateCents") is { } estimate ? Money.FromCents(estimate) : null,
        e.GetInt32("Version") ?? 0,
        e.GetBoolean("Disbursed") ?? false);
}
