using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>What every audit route checks first: the caller is an auditor and the region exists.</summary>
internal static class AuditRoutes
{
    public static string AuditedRegion(HttpCall call)
    {
        call.RequireRole(Roles.Auditor);
        return Regions.Require(call.Request.Route("regionId")).Id;
    }
}
