using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts;

public sealed record ProgrammeDefined(
    string ProgrammeId,
    string Name,
    string Instrument,
    string Fund,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Regions,
    Money GrossPerRegionPerYear);
