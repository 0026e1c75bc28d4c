using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts;

public sealed record KassierDesignated(
    string RegionId,
    string OrganisationCode,
    string OrganisationName,
    string OrganisationKind,
    DateOnly EffectiveFrom,
    [property: PersonalData(PersonalValue.EmailKind)] string? ContactEmail,
    DateTimeOffset DesignatedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string DesignatedBy);
