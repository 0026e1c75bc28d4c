namespace Npvr.Funding.Domain.Registration;

/// <summary>A region's naming of its regiokassier, in force from <see cref="EffectiveFrom"/>.</summary>
public sealed record Designation(
    string RegionId,
    OrganisationCode Organisation,
    string OrganisationName,
    DateOnly EffectiveFrom,
    string? ContactEmail,
    DateTimeOffset DesignatedAt,
    string DesignatedBy);

/// <summary>The request to designate, as received: every field may be missing or malformed.</summary>
public sealed record DesignateKassier(string RegionId, string? OrganisationCode, string? OrganisationName, DateOnly? EffectiveFrom, string? ContactEmail);

/// <summary>The request to withdraw the designation taking effect on <see cref="EffectiveFrom"/>, as received.</summary>
public sealed record WithdrawDesignation(string RegionId, DateOnly? EffectiveFrom, string? Reason);

/// <summary>
/// A designation withdrawn before it took effect: recorded beside it, never deleted. It names the designation by its
/// date and the moment it was made (<see cref="EffectiveFrom"/>, <see cref="DesignatedAt"/>), which together name one.
/// </summary>
public sealed record DesignationWithdrawal(
    string RegionId,
    OrganisationCode Organisation,
    DateOnly EffectiveFrom,
    DateTimeOffset DesignatedAt,
    string Reason,
    DateTimeOffset WithdrawnAt,
    string WithdrawnBy)
{
    public bool Withdraws(Designation designation) =>
        designation.RegionId == RegionId && designation.EffectiveFrom == EffectiveFrom && designation.DesignatedAt == DesignatedAt;
}
