using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>
/// Table Staff, one partition per organisation code: "member|{objectId}" is a person's standing now (replaced under
/// its ETag), "history|{objectId}|{version}" every change (inserted, never changed), so two concurrent changes of one
/// person cannot both land and nothing is ever deleted.
/// </summary>
public sealed class StaffStore(FundingTables tables)
{
    public const string TableName = "Staff";
    private const string MemberPrefix = "member|";
    private const string HistoryPrefix = "history|";

    /// <summary>Members of one organisation answered in one page: far above the handful of finance staff a kassier has.</summary>
    public const int MaxMembers = 1000;

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public static async Task<(StaffMember? Member, ETag ETag)> MemberAsync(TableClient table, OrganisationCode organisation, Guid objectId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(organisation.Value, MemberPrefix + objectId.ToString("D"), cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : (null, default);
    }

    public static async Task<List<StaffMember>> MembersAsync(TableClient table, OrganisationCode organisation, CancellationToken cancellationToken)
    {
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {organisation.Value}")} and {RowKeys.RangeFilter(MemberPrefix)}";
        var members = new List<StaffMember>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxMembers, cancellationToken: cancellationToken))
        {
            if (members.Count == MaxMembers)
                throw new InvalidOperationException($"{organisation.Value} has more than {MaxMembers} staff members; page this query.");
            members.Add(FromEntity(row));
        }
        return members;
    }

    /// <summary>The member's new standing (under the ETag read, or inserted) and its history row.</summary>
    public static PartitionWrite Record(StaffMember member, ETag readETag, bool existed)
    {
        var write = new PartitionWrite(member.Organisation.Value);
        var current = ToEntity(member, MemberPrefix + member.ObjectId.ToString("D"));
        if (existed) write.Replace(current, readETag);
        else write.Insert(current);
        return write.Insert(ToEntity(member, $"{HistoryPrefix}{member.ObjectId:D}|{member.Version:D6}"));
    }

    public static StaffChanged View(StaffMember m) =>
        new(m.Organisation.Value, m.ObjectId, m.TenantId, m.DisplayName, m.Active, m.Version, m.ChangedAt, m.ChangedBy, m.WithdrawalReason);

    private static TableEntity ToEntity(StaffMember m, string rowKey) => new(m.Organisation.Value, rowKey)
    {
        ["ObjectId"] = m.ObjectId,
        ["TenantId"] = m.TenantId,
        ["DisplayName"] = m.DisplayName,
        ["Active"] = m.Active,
        ["Version"] = m.Version,
        ["ChangedAt"] = m.ChangedAt,
        ["ChangedBy"] = m.ChangedBy,
        ["WithdrawalReason"] = m.WithdrawalReason,
    };

    private static StaffMember FromEntity(TableEntity e) => new(
        OrganisationCode.Parse(e.PartitionKey),
        e.GetGuid("ObjectId")!.Value,
        e.GetGuid("TenantId")!.Value,
        e.GetString("DisplayName")!,
        e.GetBoolean("Active")!.Value,
        e.GetInt32("Version")!.Value,
        e.GetDateTimeOffset("ChangedAt")!.Value,
        e.GetString("ChangedBy")!,
        e.GetString("WithdrawalReason"));
}
