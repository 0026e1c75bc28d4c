using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Storage;

/// <summary>The one Table form of a designation's withdrawal, used by Registration's history and every app's kassier projection.</summary>
public static class WithdrawalRows
{
    /// <summary>Zero-padded ticks of the moment the withdrawn designation was made: one withdrawal per designation sorts beside it.</summary>
    public static string Key(string prefix, DateTimeOffset designatedAt) =>
        prefix + designatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(string partitionKey, string rowKey, DesignationWithdrawal w) => new(partitionKey, rowKey)
    {
        ["RegionId"] = w.RegionId,
        ["OrganisationCode"] = w.Organisation.Value,
        ["EffectiveFrom"] = w.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["DesignatedAt"] = w.DesignatedAt,
        ["Reason"] = w.Reason,
        ["WithdrawnAt"] = w.WithdrawnAt,
        ["WithdrawnBy"] = w.WithdrawnBy,
    };

    public static DesignationWithdrawal FromEntity(TableEntity e) => new(
        e.GetString("RegionId")!,
        OrganisationCode.Parse(e.GetString("OrganisationCode")!),
        DateOnly.ParseExact(e.GetString("EffectiveFrom")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.GetDateTimeOffset("DesignatedAt")!.Value,
        e.GetString("Reason")!,
        e.GetDateTimeOffset("WithdrawnAt")!.Value,
        e.GetString("WithdrawnBy")!);

    /// <summary>Reads withdrawal rows matching <paramref name="filter"/>, at most <paramref name="limit"/>.</summary>
    public static async Task<List<DesignationWithdrawal>> QueryAsync(TableClient table, string filter, int limit, CancellationToken cancellationToken)
    {
        var result = new List<DesignationWithdrawal>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (result.Count >= limit) throw new InvalidOperationException($"More than {limit} withdrawals match; page this query.");
            result.Add(FromEntity(row));
        }
        return result;
    }
}
