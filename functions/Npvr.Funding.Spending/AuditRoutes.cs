using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>What every audit route checks first: the caller is an auditor and the region exists.</summary>
internal static class AuditRoutes
{
    public static string AuditedRegion(HttpCall call)
    {
        call.RequireRole(Roles.Auditor);
        var regionId = call.Request.Route("regionId");
        return Regions.Exists(regionId)
            ? regionId
            : throw new ProblemException(Problem.NotFound("region-not-found", $"There is no region '{regionId}'."));
    }
}
