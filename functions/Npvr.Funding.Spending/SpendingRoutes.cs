using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>Route values of the spending routes, checked before anything is read.</summary>
internal static class SpendingRoutes
{
    public static string Region(HttpCall call) => Regions.Require(call.Request.Route("regionId")).Id;

    /// <summary>An entry id in a path is a UUID; anything else names no entry (404: it is a resource path).</summary>
    public static Guid EntryId(HttpCall call) =>
        Guid.TryParseExact(call.Request.Route("entryId"), "D", out var id) && id != Guid.Empty
            ? id
            : throw new ProblemException(Problem.NotFound("entry-not-found", "There is no such spending entry."));
}
