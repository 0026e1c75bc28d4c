using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Storage;

/// <summary>
/// The one Table form of a programme definition: Allocation's own row, and every other app's projection of
/// ProgrammeDefined. Partition "programme|{id}", row "definition".
/// </summary>
public static class ProgrammeRows
{
    public const string DefinitionRow = "definition";

    public static string Partition(string programmeId) => "programme|" + programmeId;

    public static TableEntity ToEntity(Programme p) => new(Partition(p.ProgrammeId), DefinitionRow)
    {
        ["Name"] = p.Name,
        ["Instrument"] = p.Instrument,
        ["Fund"] = p.Fund,
        ["Years"] = string.Join(',', p.Years),
        ["Regions"] = string.Join(',', p.Regions),
        ["GrossCents"] = p.GrossPerRegionPerYear.Cents,
    };

    public static async Task<Programme?> ReadAsync(TableClient table, string programmeId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(programmeId), DefinitionRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var e = row.Value!;
        return new Programme(programmeId, e.GetString("Name")!, e.GetString("Instrument")!, e.GetString("Fund")!,
            e.GetString("Years")!.Split(',').Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToList(),
            e.GetString("Regions")!.Split(','), Money.FromCents(e.GetInt64("GrossCents")!.Value));
    }
}
