namespace Npvr.Funding.Hosting;

/// <summary>The Entra ID app roles of design.md section 5.</summary>
public static class Roles
{
    public const string Finance = "Funding.Finance";
    public const string Coordinator = "Funding.Coordinator";
    public const string Kassier = "Funding.Kassier";
    public const string Auditor = "Funding.Auditor";

    public static IReadOnlyList<string> All { get; } = [Finance, Coordinator, Kassier, Auditor];
}
