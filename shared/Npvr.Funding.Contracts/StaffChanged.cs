using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts;

/// <summary>
/// The data of StaffAuthorised and StaffWithdrawn: a person's standing as kassier staff of an organisation after the
/// change. <see cref="Version"/> orders the changes of one (organisation, person); projections keep the highest.
/// </summary>
public sealed record StaffChanged(
    string OrganisationCode,
    Guid ObjectId,
    Guid TenantId,
    [property: PersonalData(PersonalValue.NameKind, Person = nameof(StaffChanged.ObjectId))] string DisplayName,
    bool Active,
    int Version,
    DateTimeOffset ChangedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string ChangedBy,
    string? WithdrawalReason);
