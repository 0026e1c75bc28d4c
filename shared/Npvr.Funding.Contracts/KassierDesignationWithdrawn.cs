using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts;

/// <summary>
/// A designation withdrawn before it took effect (recorded, never deleted). <see cref="EffectiveFrom"/> and
/// <see cref="DesignatedAt"/> name the withdrawn KassierDesignated: the same two fields of that event.
/// </summary>
public sealed record KassierDesignationWithdrawn(
    string RegionId,
    string OrganisationCode,
    DateOnly EffectiveFrom,
    DateTimeOffset DesignatedAt,
    string Reason,
    DateTimeOffset WithdrawnAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string WithdrawnBy);
