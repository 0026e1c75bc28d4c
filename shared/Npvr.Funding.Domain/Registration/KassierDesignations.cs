namespace Npvr.Funding.Domain.Registration;

/// <summary>Pure decisions about kassier designations. History is in the order designations were made.</summary>
public static class KassierDesignations
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    /// <summary>No designation takes effect before the first year any programme of this system pays.</summary>
    public static readonly DateOnly EarliestEffectiveFrom = new(2020, 1, 1);

    /// <summary>A designation may be made ahead of its date, but not so far that a typo (9999-12-31) blocks a region's succession.</summary>
    public const int MaxYearsAhead = 2;

    public static Designation Designate(IReadOnlyList<Designation> history, DesignateKassier command, DateTimeOffset now, string designatedBy)
    {
        Regions.Require(command.RegionId);
        if (!Domain.OrganisationCode.TryParse(command.OrganisationCode, out var code))
            throw Invalid("organisation-code-invalid", $"'{command.OrganisationCode}' is not a CBS code: GM + 4 digits (gemeente) or PV + 2 digits (provincie).");
        var name = command.OrganisationName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !PlainText.IsPlain(name))
            throw Invalid("organisation-name-invalid", $"organisationName is required: at most {MaxNameLength} characters, no control characters.");
        if (command.EffectiveFrom is not { } effectiveFrom)
            throw Invalid("effective-from-required", "effectiveFrom (yyyy-MM-dd) is required.");
        var latest = Spending.BusinessDate.InAmsterdam(now).AddYears(MaxYearsAhead);
        if (effectiveFrom < EarliestEffectiveFrom || effectiveFrom > latest)
            throw Invalid("effective-from-out-of-range",
                $"effectiveFrom is from {EarliestEffectiveFrom:yyyy-MM-dd} to {latest:yyyy-MM-dd} ({MaxYearsAhead} years ahead at most).");
        if (command.ContactEmail is { } email && !LooksLikeEmail(email))
            throw Invalid("contact-email-invalid", "contactEmail is not an e-mail address (printable ASCII, one @, at most 254 characters).");
        if (history.Count > 0 && effectiveFrom < history[^1].EffectiveFrom)
            throw Invalid("effective-from-before-current",
                $"effectiveFrom {effectiveFrom:yyyy-MM-dd} is before the current designation's {history[^1].EffectiveFrom:yyyy-MM-dd}; history is never rewritten.");
        return new Designation(command.RegionId, code!, name, effectiveFrom, command.ContactEmail, now, designatedBy);
    }

    /// <summary>The designation in force on <paramref name="date"/>: the latest made whose effectiveFrom has come.</summary>
    public static Designation? InForceOn(IReadOnlyList<Designation> history, DateOnly date) =>
        history.LastOrDefault(d => d.EffectiveFrom <= date);

    // The unquoted dot-atom form of RFC 5322 with a dotted domain: what municipalities' addresses look like.
    private static readonly System.Text.RegularExpressions.Regex Email = new(
        @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static bool LooksLikeEmail(string email) => email.Length <= MaxEmailLength && Email.IsMatch(email);

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
