namespace Npvr.Funding.Domain.Registration;

/// <summary>
/// One person's standing as kassier staff of one organisation, identified as Entra ID identifies them: object id and
/// tenant id. <see cref="Version"/> counts the changes (1 for the first authorisation), so projections apply a late
/// older change as nothing.
/// </summary>
public sealed record StaffMember(
    OrganisationCode Organisation,
    Guid ObjectId,
    Guid TenantId,
    string DisplayName,
    bool Active,
    int Version,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? WithdrawalReason);

/// <summary>The requests as received: every field may be missing or malformed.</summary>
public sealed record AuthoriseStaff(string? OrganisationCode, string? ObjectId, string? TenantId, string? DisplayName);

public sealed record WithdrawStaff(string? OrganisationCode, string? ObjectId, string? Reason);

/// <summary>A staff decision: the member as it stands after it, and whether anything changed (false: a repeat).</summary>
public sealed record StaffDecision(StaffMember Member, bool Changed);

/// <summary>
/// Pure decisions about which people act for a kassier organisation (issue 11, point 13): a kassier acts for a region
/// only as active staff of the region's kassier organisation; a claim in the caller's token grants nothing.
/// </summary>
public static class StaffRegistry
{
    public const int MaxDisplayNameLength = 200;
    public const int MaxReasonLength = 500;

    /// <summary>Authorises a person, or again after a withdrawal; the same authorisation again changes nothing.</summary>
    public static StaffDecision Authorise(StaffMember? current, AuthoriseStaff command, DateTimeOffset now, string actingName)
    {
        var (organisation, objectId) = Identify(command.OrganisationCode, command.ObjectId);
        if (!TryParseId(command.TenantId, out var tenantId))
            throw Invalid("tenant-id-invalid", "tenantId is the Entra ID tenant (directory) id: a GUID.");
        var name = command.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxDisplayNameLength || !PlainText.IsPlain(name))
            throw Invalid("display-name-invalid", $"displayName is required: at most {MaxDisplayNameLength} characters, no control characters.");
        if (current is not null && current.TenantId != tenantId)
            throw new DomainException(DomainError.Conflict("staff-tenant-mismatch",
                $"Object id {objectId} is staff of {organisation.Value} in another tenant; an object id names one person in one tenant."));
        if (current is { Active: true } && current.DisplayName == name) return new StaffDecision(current, Changed: false);
        var next = new StaffMember(organisation, objectId, tenantId, name, Active: true, (current?.Version ?? 0) + 1, now, actingName, null);
        return new StaffDecision(next, Changed: true);
    }

    /// <summary>Withdraws an active member (recorded, never deleted); withdrawing a withdrawn member changes nothing.</summary>
    public static StaffDecision Withdraw(StaffMember? current, WithdrawStaff command, DateTimeOffset now, string actingName)
    {
        var (organisation, objectId) = Identify(command.OrganisationCode, command.ObjectId);
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || !PlainText.IsPlain(reason))
            throw Invalid("reason-invalid", $"reason is required: at most {MaxReasonLength} characters, no control characters.");
        if (current is null)
            throw new DomainException(DomainError.NotFound("staff-not-found", $"{objectId} is not staff of {organisation.Value}."));
        if (!current.Active) return new StaffDecision(current, Changed: false);
        return new StaffDecision(current with { Active = false, Version = current.Version + 1, ChangedAt = now, ChangedBy = actingName, WithdrawalReason = reason }, Changed: true);
    }

    /// <summary>The organisation code and object id of a staff route, checked before anything is read.</summary>
    public static (OrganisationCode Organisation, Guid ObjectId) Identify(string? organisationCode, string? objectId)
    {
        var organisation = Organisation(organisationCode);
        if (!TryParseId(objectId, out var id))
            throw Invalid("object-id-invalid", "The object id is the person's Entra ID object id: a GUID.");
        return (organisation, id);
    }

    public static OrganisationCode Organisation(string? organisationCode) =>
        OrganisationCode.TryParse(organisationCode, out var organisation)
            ? organisation!
            : throw Invalid("organisation-code-invalid", $"'{organisationCode}' is not a CBS code: GM + 4 digits (gemeente) or PV + 2 digits (provincie).");

    /// <summary>Entra ids in their usual form: 36 characters, lower or upper case hex with dashes; the all-zero id names nobody.</summary>
    public static bool TryParseId(string? text, out Guid id) =>
        Guid.TryParseExact(text, "D", out id) && id != Guid.Empty;

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
