using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Allocation;

/// <summary>Route values of the programme routes, checked before anything is read.</summary>
internal static class ProgrammeRoutes
{
    public static string ProgrammeId(HttpCall call)
    {
        var id = call.Request.Route("programmeId");
        return Programmes.IsValidId(id)
            ? id
            : throw new ProblemException(Problem.BadRequest("programme-id-invalid", $"A programme id is 1 to {Programmes.MaxIdLength} lower-case letters, digits or dashes."));
    }

    public static int Year(string text) => QueryValues.Year(text);
}
