using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Who may touch a region's spending (design.md section 5): writes only the region's kassier in force today; reads
/// Auditor and Finance for every region, a kassier for the region whose kassier their organisation is.
/// </summary>
internal static class SpendingAccess
{
    public static async Task RequireKassierOfAsync(HttpCall call, TableClient spending, string regionId, TimeProvider clock, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier);
        var kassier = await KassierProjection.InForceAsync(spending, regionId, BusinessDate.InAmsterdam(clock.GetUtcNow()), cancellationToken);
        RegionAccess.EnsureKassierOf(regionId, kassier, await StaffProjection.OrganisationsOfAsync(spending, call.Caller, cancellationToken));
    }

    public static async Task RequireReaderAsync(HttpCall call, TableClient spending, string regionId, TimeProvider clock, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Auditor, Roles.Finance, Roles.Kassier);
        if (call.Caller.IsInRole(Roles.Auditor) || call.Caller.IsInRole(Roles.Finance)) return;
        await RequireKassierOfAsync(call, spending, regionId, clock, cancellationToken);
    }
}
