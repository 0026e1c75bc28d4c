namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>Request bodies of the worked examples.</summary>
internal static class Requests
{
    public static object Doetinchem(string effectiveFrom = "2025-01-15") => new
    {
        organisationCode = "GM0222",
        organisationName = "Gemeente Doetinchem",
        effectiveFrom,
        contactEmail = "regiokassier@doetinchem.nl",
    };

    public static object Gelderland(string effectiveFrom) => new
    {
        organisationCode = "PV25",
        organisationName = "Provincie Gelderland",
        effectiveFrom,
    };
}

/// <summary>The NPVR procesmiddelen programme of domain.md.</summary>
internal static class NpvrProgramme
{
    public const string ProgrammeId = "npvr-procesmiddelen";
    public const string Programme = "programmes/" + ProgrammeId;

    public static string Estimate(int year, string regionId) => $"{Programme}/years/{year}/regions/{regionId}/vat-estimate";

    public static object Definition(string gross = "350000.00") => new
    {
        name = "NPVR procesmiddelen",
        instrument = "DU",
        fund = "Gemeentefonds",
        years = new[] { 2025, 2026, 2027 },
        regions = global::Npvr.Funding.Domain.Regions.All.Select(r => r.Id).ToArray(),
        grossPerRegionPerYear = gross,
    };
}
