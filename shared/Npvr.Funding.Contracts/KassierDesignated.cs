namespace Npvr.Funding.Contracts;

public sealed record KassierDesignated(
    string RegionId,
    string OrganisationCode,
    string OrganisationName,
    string OrganisationKind,
    DateOnly EffectiveFrom,
    string? ContactEmail,
    DateTimeOffset DesignatedAt,
    string DesignatedBy);
