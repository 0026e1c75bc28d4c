namespace Npvr.Funding.Domain.Allocation;

/// <summary>A funding programme: one instrument, one fund, gross per region per year. NPVR procesmiddelen is one of many.</summary>
public sealed record Programme(
    string ProgrammeId,
    string Name,
    string Instrument,
    string Fund,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Regions,
    Money GrossPerRegionPerYear)
{
    /// <summary>Same definition, element by element (records compare lists by reference).</summary>
    public bool SameAs(Programme other) =>
        ProgrammeId == other.ProgrammeId && Name == other.Name && Instrument == other.Instrument && Fund == other.Fund
        && Years.SequenceEqual(other.Years) && Regions.SequenceEqual(other.Regions) && GrossPerRegionPerYear == other.GrossPerRegionPerYear;
}

/// <summary>A programme definition as received: anything may be missing.</summary>
public sealed record DefineProgramme(string ProgrammeId, string? Name, string? Instrument, string? Fund, IReadOnlyList<int>? Years,
    IReadOnlyList<string>? Regions, Money? GrossPerRegionPerYear);
