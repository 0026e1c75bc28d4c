using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// An app's own copy of who is kassier staff of which organisation, built from StaffAuthorised and StaffWithdrawn
/// (issue 11, point 13). Partition "staff|{tenantId}|{objectId}" (one person), a row per organisation holding the
/// highest version seen, so a late older change is nothing and a caller's organisations are one partition read.
/// </summary>
public static class StaffProjection
{
    public const string Consumer = "staff";
    private const string Prefix = "org|";

    /// <summary>Organisations one person can be staff of at once, read in one page: far above any real case (a kassier works for one or two).</summary>
    public const int MaxOrganisationsPerPerson = 100;

    public static bool Concerns(EventEnvelope envelope) => envelope.Type is EventTypes.StaffAuthorised or EventTypes.StaffWithdrawn;

    public static string Partition(Guid tenantId, Guid objectId) => $"staff|{tenantId:D}|{objectId:D}";

    /// <summary>Applies one staff event in its person's partition, with the inbox record, unless a newer change is there.</summary>
    public static Task<CommitOutcome> ApplyAsync(EventConsumption consumption, TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var change = envelope.DataAs<StaffChanged>();
        var partition = Partition(change.TenantId, change.ObjectId);
        return consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, Prefix + change.OrganisationCode, cancellationToken: ct);
            var write = new PartitionWrite(partition);
            if (row.HasValue && (row.Value!.GetInt32("Version") ?? 0) >= change.Version) return write; // ordered by version, never by arrival
            var entity = new TableEntity(partition, Prefix + change.OrganisationCode) { ["Version"] = change.Version, ["Active"] = change.Active };
            return row.HasValue ? write.Replace(entity, row.Value!.ETag) : write.Insert(entity);
        }, cancellationToken);
    }

    /// <summary>The organisations the caller is active kassier staff of: none for a caller without object id and tenant id.</summary>
    public static async Task<IReadOnlySet<string>> OrganisationsOfAsync(TableClient table, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var organisations = new HashSet<string>(StringComparer.Ordinal);
        if (caller.ObjectId is not { } objectId || caller.TenantId is not { } tenantId) return organisations;
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, objectId)}")} and {RowKeys.RangeFilter(Prefix)}";
        var seen = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxOrganisationsPerPerson, select: ["RowKey", "Active"], cancellationToken: cancellationToken))
        {
            if (++seen > MaxOrganisationsPerPerson)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{caller.Name} is staff of more than {MaxOrganisationsPerPerson} organisations."));
            if (row.GetBoolean("Active") ?? false) organisations.Add(row.RowKey[Prefix.Length..]);
        }
        return organisations;
    }
}
