using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Registration;

/// <summary>The wire forms of designations and withdrawals: the shapes of the KassierDesignated and KassierDesignationWithdrawn events.</summary>
public static class DesignationView
{
    public static KassierDesignated From(Designation d) => new(
        d.RegionId, d.Organisation.Value, d.OrganisationName, d.Organisation.KindName, d.EffectiveFrom, d.ContactEmail, d.DesignatedAt, d.DesignatedBy);

    public static KassierDesignated? FromNullable(Designation? d) => d is null ? null : From(d);

    public static KassierDesignationWithdrawn From(DesignationWithdrawal w) => new(
        w.RegionId, w.Organisation.Value, w.EffectiveFrom, w.DesignatedAt, w.Reason, w.WithdrawnAt, w.WithdrawnBy);

    /// <summary>A designation as the history shows it: with <c>withdrawn</c> when it was withdrawn before it took effect, else null.</summary>
    public static HistoryEntry InHistory(Designation d, DesignationWithdrawal? withdrawal) =>
        new(d.RegionId, d.Organisation.Value, d.OrganisationName, d.Organisation.KindName, d.EffectiveFrom, d.ContactEmail, d.DesignatedAt, d.DesignatedBy,
            withdrawal is { } w && w.Withdraws(d) ? new Withdrawn(w.WithdrawnAt, w.WithdrawnBy, w.Reason) : null);

    public sealed record HistoryEntry(
        string RegionId,
        string OrganisationCode,
        string OrganisationName,
        string OrganisationKind,
        DateOnly EffectiveFrom,
        string? ContactEmail,
        DateTimeOffset DesignatedAt,
        string DesignatedBy,
        Withdrawn? Withdrawn);

    public sealed record Withdrawn(DateTimeOffset At, string By, string Reason);
}
