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
