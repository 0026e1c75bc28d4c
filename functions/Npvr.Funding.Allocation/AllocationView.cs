using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Allocation;

/// <summary>
/// The wire form of one region-year allocation (api.md, GET /programmes/{id}/allocations). Until the estimate is in,
/// netDu and bcfDeposit are null: nothing is determined yet, and showing the gross as net would read as a promise.
/// </summary>
public sealed record AllocationView(string RegionId, int Year, Money Gross, Money? CompensableVatEstimate, Money? NetDu, Money? BcfDeposit,
    string Status, int Version)
{
    public static AllocationView From(string regionId, int year, AllocationState s) => s.CompensableVatEstimate is null
        ? new(regionId, year, s.Gross, null, null, null, StatusName(s.Status), s.Version)
        : new(regionId, year, s.Gross, s.CompensableVatEstimate, s.NetDu, s.BcfDeposit, StatusName(s.Status), s.Version);

    public static string StatusName(AllocationStatus status) => status switch
    {
        AllocationStatus.AwaitingEstimate => "awaiting-estimate",
        AllocationStatus.Determined => "determined",
        AllocationStatus.Disbursed => "disbursed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
