namespace Npvr.Funding.Domain.Disbursement;

/// <summary>A DU reaches a gemeente through the Gemeentefonds and a provincie through the Provinciefonds (domain.md).</summary>
public static class Funds
{
    public const string Gemeentefonds = "Gemeentefonds";
    public const string Provinciefonds = "Provinciefonds";

    /// <summary>The fund that pays a kassier of this kind.</summary>
    public static string For(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Gemeente => Gemeentefonds,
        OrganisationKind.Provincie => Provinciefonds,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
