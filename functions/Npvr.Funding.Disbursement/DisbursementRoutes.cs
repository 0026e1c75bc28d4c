using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Disbursement;

/// <summary>Route and query values of the Disbursement routes, checked before anything is read.</summary>
internal static class DisbursementRoutes
{
    public static string ProgrammeId(string? id) => QueryValues.ProgrammeId(id);

    /// <summary>A tranche id of the form TrancheIds makes; anything else cannot name a tranche (404, not 400: it is a resource path).</summary>
    public static TrancheKey Tranche(HttpCall call)
    {
        var id = call.Request.Route("trancheId");
        return TrancheIds.TryParse(id, out var key)
            ? key
            : throw new ProblemException(Problem.NotFound("tranche-not-found", "There is no such tranche."));
    }
}
