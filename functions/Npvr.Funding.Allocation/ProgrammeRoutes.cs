using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Allocation;

/// <summary>Route values of the programme routes, checked before anything is read.</summary>
internal static class ProgrammeRoutes
{
    public static string ProgrammeId(HttpCall call) => QueryValues.ProgrammeId(call.Request.Route("programmeId"));
}
