using Azure.Data.Tables;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Table Spending: Spending's projections of other apps' events ("programme|{id}" from ProgrammeDefined,
/// "kassier|{region}" from KassierDesignated and KassierDesignationWithdrawn) and the import jobs of each region
/// ("imports|{region}", see ImportRows).
/// </summary>
public sealed class SpendingStore(FundingTables tables)
{
    public const string TableName = "Spending";

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    /// <summary>The programmes <paramref name="regionId"/> takes part in, as the spending rules need them.</summary>
    public static async Task<List<SpendingProgramme>> ProgrammesOfAsync(TableClient table, string regionId, IReadOnlySet<(string ProgrammeId, int Year)> closed,
        CancellationToken cancellationToken) =>
        [.. (await ProgrammeRows.ReadAllAsync(table, cancellationToken)).Where(p => p.Regions.Contains(regionId)).Select(p => ToSpending(p, closed))];

    /// <summary>One programme, if the region takes part in it (otherwise the rules refuse the entry's programmeId).</summary>
    public static async Task<List<SpendingProgramme>> ProgrammeOfAsync(TableClient table, string regionId, string? programmeId,
        IReadOnlySet<(string ProgrammeId, int Year)> closed, CancellationToken cancellationToken)
    {
        if (!Domain.Allocation.Programmes.IsValidId(programmeId)) return [];
        var programme = await ProgrammeRows.ReadAsync(table, programmeId!, cancellationToken);
        return programme is not null && programme.Regions.Contains(regionId) ? [ToSpending(programme, closed)] : [];
    }

    /// <summary>The closed years come from the region's year marks (YearMarks.ClosedAsync); the write's transaction checks them again.</summary>
    private static SpendingProgramme ToSpending(Domain.Allocation.Programme p, IReadOnlySet<(string ProgrammeId, int Year)> closed) =>
        new(p.ProgrammeId, p.Years.Min(), closed.Where(c => c.ProgrammeId == p.ProgrammeId).Select(c => c.Year).ToHashSet());
}
