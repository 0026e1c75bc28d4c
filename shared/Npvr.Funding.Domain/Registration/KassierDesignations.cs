namespace Npvr.Funding.Domain.Registration;

/// <summary>Pure decisions about kassier designations. History is in the order designations were made.</summary>
public static class KassierDesignations
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public static Designation Designate(IReadOnlyList<Designation> history, DesignateKassier command, DateTimeOffset now, string designatedBy)
    {
        Regions.Require(command.RegionId);
        if (!Domain.OrganisationCode.TryParse(command.OrganisationCode, out var code))
            throw Invalid("organisation-code-invalid", $"'{command.OrganisationCode}' is not a CBS code: GM + 4 digits (gemeente) or PV + 2 digits (provincie).");
        var name = command.OrganisationName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            throw Invalid("organisation-name-invalid", $"organisationName is required, at most {MaxNameLength} characters.");
        if (command.EffectiveFrom is not { } effectiveFrom)
            throw Invalid("effective-from-required", "effectiveFrom (yyyy-MM-dd) is required.");
        if (command.ContactEmail is { } email && !LooksLikeEmail(email))
            throw Invalid("contact-email-invalid", $"'{email}' is not an e-mail address.");
        if (history.Count > 0 && effectiveFrom < history[^1].EffectiveFrom)
            throw Invalid("effective-from-before-current",
                $"effectiveFrom {effectiveFrom:yyyy-MM-dd} is before the current designation's {history[^1].EffectiveFrom:yyyy-MM-dd}; history is never rewritten.");
        return new Designation(command.RegionId, code!, name, effectiveFrom, command.ContactEmail, now, designatedBy);
    }

    /// <summary>The designation in force on <paramref name="date"/>: the latest made whose effectiveFrom has come.</summary>
    public static Designation? InForceOn(IReadOnlyList<Designation> history, DateOnly date) =>
        history.LastOrDefault(d => d.EffectiveFrom <= date);

    private static bool LooksLikeEmail(string email) =>
        email.Length <= MaxEmailLength && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
