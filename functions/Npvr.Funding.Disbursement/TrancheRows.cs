using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// Table forms of the region-year partition's rows: tranches ("tranche|{sequence}", the whole record as JSON beside
/// the columns lists filter on), the latest AllocationDetermined ("allocation") and pending freezes ("pending|{trancheId}").
/// </summary>
internal static class TrancheRows
{
    public const string TranchePrefix = "tranche";
    public const string AllocationRow = "allocation";
    public const string PendingPrefix = "pending|";

    public static string TrancheRow(int sequence) => RowKeysFor(sequence);

    public static TableEntity ToEntity(string partitionKey, Tranche t) => new(partitionKey, TrancheRow(t.Sequence))
    {
        ["TrancheId"] = t.TrancheId,
        ["ProgrammeId"] = t.ProgrammeId,
        ["Year"] = t.Year,
        ["RegionId"] = t.RegionId,
        ["Status"] = TrancheNames.Of(t.Status),
        ["KassierOrganisationCode"] = t.KassierOrganisationCode,
        ["Tranche"] = FundingJson.Serialize(t),
    };

    public static Tranche FromEntity(TableEntity e) => FundingJson.Deserialize<Tranche>(e.GetString("Tranche")
        ?? throw new InvalidOperationException($"Tranche row {e.PartitionKey}/{e.RowKey} has no record."));

    public static TableEntity AllocationEntity(string partitionKey, AllocationFacts a) => new(partitionKey, AllocationRow)
    {
        ["Version"] = a.Version,
        ["GrossCents"] = a.Gross.Cents,
        ["NetDuCents"] = a.NetDu.Cents,
        ["BcfDepositCents"] = a.BcfDeposit.Cents,
    };

    public static AllocationFacts AllocationFrom(TableEntity e) => new(e.GetInt32("Version") ?? 0, Money.FromCents(e.GetInt64("GrossCents") ?? 0),
        Money.FromCents(e.GetInt64("NetDuCents") ?? 0), Money.FromCents(e.GetInt64("BcfDepositCents") ?? 0));

    public static TableEntity PendingEntity(string partitionKey, PendingTranche p) => new(partitionKey, PendingPrefix + p.TrancheId)
    {
        ["RunId"] = p.RunId,
        ["Sequence"] = p.Sequence,
        ["AllocationVersion"] = p.AllocationVersion,
        ["Kassier"] = p.Kassier.Value,
        ["Fund"] = p.Fund,
    };

    public static PendingTranche PendingFrom(TableEntity e, string programmeId, int year, string regionId) => new(
        e.GetString("RunId")!, programmeId, year, regionId, e.RowKey[PendingPrefix.Length..], e.GetInt32("Sequence") ?? 0,
        e.GetInt32("AllocationVersion") ?? 0, OrganisationCode.Parse(e.GetString("Kassier")!), e.GetString("Fund")!);

    private static string RowKeysFor(int sequence) => TranchePrefix + "|" + sequence.ToString("D3", CultureInfo.InvariantCulture);
}
