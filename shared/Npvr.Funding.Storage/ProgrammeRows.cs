using System.Collections.Concurrent;
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

    /// <summary>More programmes than this in one app's table is a runaway, not a portfolio: listing them refuses.</summary>
    public const int MaxProgrammes = 1000;

    /// <summary>Definitions kept at most (a test run makes tables by the thousand; production has a handful of programmes).</summary>
    private const int MaxRemembered = 10_000;

    private static readonly ConcurrentDictionary<(Uri Table, string ProgrammeId), Programme> Defined = new();

    /// <summary>
    /// The definition, read once per table and programme (issue 15: one round trip fewer on every path that needs it).
    /// Safe to keep: a programme is defined once and never changed (Allocation refuses another definition, the other
    /// apps insert their projection and never replace it). An absent programme is read again each time.
    /// </summary>
    public static async Task<Programme?> ReadAsync(TableClient table, string programmeId, CancellationToken cancellationToken)
    {
        if (Defined.TryGetValue((table.Uri, programmeId), out var known)) return known;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(programmeId), DefinitionRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var programme = FromEntity(row.Value!);
        if (Defined.Count < MaxRemembered) Defined.TryAdd((table.Uri, programmeId), programme);
        return programme;
    }

    /// <summary>Every programme defined in <paramref name="table"/>, at most <see cref="MaxProgrammes"/>.</summary>
    public static async Task<List<Programme>> ReadAllAsync(TableClient table, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Partition("")} and PartitionKey lt {"programme}"} and RowKey eq {DefinitionRow}");
        var programmes = new List<Programme>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (programmes.Count >= MaxProgrammes) throw new InvalidOperationException($"More than {MaxProgrammes} programmes are defined.");
            programmes.Add(FromEntity(row));
        }
        return programmes;
    }

    private static Programme FromEntity(TableEntity e) =>
        new(e.PartitionKey[Partition("").Length..], e.GetString("Name")!, e.GetString("Instrument")!, e.GetString("Fund")!,
            e.GetString("Years")!.Split(',').Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToList(),
            e.GetString("Regions")!.Split(','), Money.FromCents(e.GetInt64("GrossCents")!.Value));
}
