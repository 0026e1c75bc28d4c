using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Storage;

/// <summary>The one Table form of a designation, used by Registration's history and every app's kassier projection.</summary>
public static class DesignationRows
{
    public static TableEntity ToEntity(string partitionKey, string rowKey, Designation d) => new(partitionKey, rowKey)
    {
        ["RegionId"] = d.RegionId,
        ["OrganisationCode"] = d.Organisation.Value,
        ["OrganisationName"] = d.OrganisationName,
        ["EffectiveFrom"] = d.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["ContactEmail"] = d.ContactEmail,
        ["DesignatedAt"] = d.DesignatedAt,
        ["DesignatedBy"] = d.DesignatedBy,
    };

    public static Designation FromEntity(TableEntity e) => new(
        e.GetString("RegionId")!,
        OrganisationCode.Parse(e.GetString("OrganisationCode")!),
        e.GetString("OrganisationName")!,
        DateOnly.ParseExact(e.GetString("EffectiveFrom")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.GetString("ContactEmail"),
        e.GetDateTimeOffset("DesignatedAt")!.Value,
        e.GetString("DesignatedBy")!);

    /// <summary>Reads designation rows matching <paramref name="filter"/>, at most <paramref name="limit"/>.</summary>
    public static async Task<List<Designation>> QueryAsync(TableClient table, string filter, int limit, CancellationToken cancellationToken)
    {
        var result = new List<Designation>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (result.Count >= limit) throw new InvalidOperationException($"More than {limit} designations match; page this query.");
            result.Add(FromEntity(row));
        }
        return result;
    }
}
