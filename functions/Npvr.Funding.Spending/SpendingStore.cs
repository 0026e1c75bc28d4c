using Azure.Data.Tables;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Table Spending: Spending's projections of other apps' events ("programme|{id}" from ProgrammeDefined,
/// "kassier|{region}" from KassierDesignated) and the import jobs of each region ("imports|{region}", see ImportRows).
/// </summary>
public sealed class SpendingStore(FundingTables tables)
{
    public const string TableName = "Spending";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    /// <summary>The programmes <paramref name="regionId"/> takes part in, as the spending rules need them.</summary>
    public static async Task<List<SpendingProgramme>> ProgrammesOfAsync(TableClient table, string regionId, CancellationToken cancellationToken) =>
        [.. (await ProgrammeRows.ReadAllAsync(table, cancellationToken)).Where(p => p.Regions.Contains(regionId)).Select(ToSpending)];

    /// <summary>One programme, if the region takes part in it (otherwise the rules refuse the entry's programmeId).</summary>
    public static async Task<List<SpendingProgramme>> ProgrammeOfAsync(TableClient table, string regionId, string? programmeId, CancellationToken cancellationToken)
    {
        if (!Domain.Allocation.Programmes.IsValidId(programmeId)) return [];
        var programme = await ProgrammeRows.ReadAsync(table, programmeId!, cancellationToken);
        return programme is not null && programme.Regions.Contains(regionId) ? [ToSpending(programme)] : [];
    }

    /// <summary>Closing a year (and so ClosedYears) is the statement issue's; until then no year is closed.</summary>
    private static SpendingProgramme ToSpending(Domain.Allocation.Programme p) => new(p.ProgrammeId, p.Years.Min(), new HashSet<int>());
}
