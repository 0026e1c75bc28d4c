namespace Npvr.Funding.Domain.Registration;

/// <summary>Pure decisions about kassier designations. History is in the order designations were made.</summary>
public static class KassierDesignations
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxReasonLength = 500;

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

    /// <summary>
    /// Withdraws the designation taking effect on the command's date, made by mistake (issue 11, point 10): only one
    /// still to come, so nobody ever acted on it. <paramref name="head"/> holds, per date still to come, the one
    /// designation that can take effect on it; that is the one withdrawn.
    /// </summary>
    public static DesignationWithdrawal Withdraw(KassierHead head, WithdrawDesignation command, DateTimeOffset now, string withdrawnBy)
    {
        var (effectiveFrom, reason) = CheckWithdrawal(command);
        var today = Spending.BusinessDate.InAmsterdam(now);
        // A date that has come may have had a kassier acting on it; the head no longer tells which designations were
        // made for a past date, so every such date is refused alike: history is never rewritten.
        if (effectiveFrom <= today)
            throw new DomainException(DomainError.Conflict("designation-in-effect",
                $"effectiveFrom {effectiveFrom:yyyy-MM-dd} has come (today is {today:yyyy-MM-dd} in Amsterdam): only a designation still to come can be withdrawn; designate a successor instead."));
        var withdrawn = head.Candidates.SingleOrDefault(d => d.EffectiveFrom == effectiveFrom)
            ?? throw new DomainException(DomainError.NotFound("designation-not-found",
                $"{command.RegionId} has no designation taking effect on {effectiveFrom:yyyy-MM-dd} (effectiveFrom) to withdraw."));
        return new DesignationWithdrawal(command.RegionId, withdrawn.Organisation, withdrawn.EffectiveFrom, withdrawn.DesignatedAt, reason, now, withdrawnBy);
    }

    /// <summary>The checks of a withdrawal that need no state: the region, the date and the reason (trimmed).</summary>
    public static (DateOnly EffectiveFrom, string Reason) CheckWithdrawal(WithdrawDesignation command)
    {
        Regions.Require(command.RegionId);
        if (command.EffectiveFrom is not { } effectiveFrom)
            throw Invalid("effective-from-required", "effectiveFrom (yyyy-MM-dd), the date of the designation to withdraw, is required.");
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || !PlainText.IsPlain(reason))
            throw Invalid("reason-invalid", $"reason is required: at most {MaxReasonLength} characters, no control characters.");
        return (effectiveFrom, reason);
    }

    /// <summary>The designation in force on <paramref name="date"/> in a history without withdrawals.</summary>
    public static Designation? InForceOn(IReadOnlyList<Designation> history, DateOnly date) => InForceOn(history, [], date);

    /// <summary>
    /// The designation in force on <paramref name="date"/>: of the designations made (in the order made), the latest
    /// made for each date wins that date, withdrawn or not (a withdrawal frees its date; what the withdrawn one had
    /// replaced stays replaced); of the winners not withdrawn, the one with the latest date that has come.
    /// </summary>
    public static Designation? InForceOn(IReadOnlyList<Designation> history, IReadOnlyCollection<DesignationWithdrawal> withdrawals, DateOnly date)
    {
        var withdrawn = withdrawals.Select(w => (w.RegionId, w.EffectiveFrom, w.DesignatedAt.UtcTicks)).ToHashSet();
        var winners = new Dictionary<DateOnly, Designation>();
        foreach (var designation in history.Where(d => d.EffectiveFrom <= date)) winners[designation.EffectiveFrom] = designation;
        return winners.Values.Where(d => !withdrawn.Contains((d.RegionId, d.EffectiveFrom, d.DesignatedAt.UtcTicks))).MaxBy(d => d.EffectiveFrom);
    }

    // The unquoted dot-atom form of RFC 5322 with a dotted domain: what municipalities' addresses look like.
    private static readonly System.Text.RegularExpressions.Regex Email = new(
        @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static bool LooksLikeEmail(string email) => email.Length <= MaxEmailLength && Email.IsMatch(email);

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
