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
