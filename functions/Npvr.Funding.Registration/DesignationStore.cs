using Azure.Data.Tables;
using Npvr.Funding.Domain;
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

    public static TableEntity ToEntity(Designation d, int sequence) => new(d.RegionId, RowKeys.Sequence(Prefix, sequence))
    {
        ["OrganisationCode"] = d.Organisation.Value,
        ["OrganisationName"] = d.OrganisationName,
        ["EffectiveFrom"] = d.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["ContactEmail"] = d.ContactEmail,
        ["DesignatedAt"] = d.DesignatedAt,
        ["DesignatedBy"] = d.DesignatedBy,
    };

    private static Designation FromEntity(TableEntity e) => new(
        e.PartitionKey,
        OrganisationCode.Parse(e.GetString("OrganisationCode")!),
        e.GetString("OrganisationName")!,
        DateOnly.ParseExact(e.GetString("EffectiveFrom")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        e.GetString("ContactEmail"),
        e.GetDateTimeOffset("DesignatedAt")!.Value,
        e.GetString("DesignatedBy")!);

    private static async Task<IReadOnlyList<Designation>> QueryAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var result = new List<Designation>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (result.Count >= MaxRows) throw new InvalidOperationException($"More than {MaxRows} designations: page this query.");
            result.Add(FromEntity(row));
        }
        return result;
    }
}
