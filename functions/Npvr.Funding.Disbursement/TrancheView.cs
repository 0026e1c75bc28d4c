using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Disbursement;

/// <summary>The wire form of a tranche (api.md Disbursement, extended by issue #7).</summary>
public sealed record TrancheView(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    int Sequence,
    string Kind,
    string KassierOrganisationCode,
    string Fund,
    int AllocationVersion,
    Money Amount,
    Money BcfDeposit,
    string Status,
    DateTimeOffset IssuedAt,
    string? RunId,
    string? SupplementsTrancheId,
    DateOnly? ReceivedOn,
    Money? ReceivedAmount,
    string? BankReference,
    DiscrepancyView? Discrepancy,
    VoidView? Voided)
{
    public static TrancheView From(Tranche t) => new(t.TrancheId, t.ProgrammeId, t.Year, t.RegionId, t.Sequence, TrancheNames.Of(t.Kind),
        t.KassierOrganisationCode, t.Fund, t.AllocationVersion, t.Amount, t.BcfDeposit, TrancheNames.Of(t.Status), t.IssuedAt, t.RunId,
        t.SupplementsTrancheId, t.Receipt?.ReceivedOn, t.Receipt?.Amount, t.Receipt?.BankReference, DiscrepancyView.From(t),
        t.Voiding is { } v ? new VoidView(v.Reason, v.VoidedAt, v.VoidedBy) : null);
}

/// <summary>Both figures of a receipt that differed, and how Finance resolved it (null while open).</summary>
public sealed record DiscrepancyView(Money Expected, Money Received, Money Difference, bool Open, string? Action, string? Reason,
    string? SupplementaryTrancheId, Money? RecoveryAmount, DateTimeOffset? ResolvedAt)
{
    public static DiscrepancyView? From(Tranche t) => t.Receipt is { } r && t.ReceiptDifference is { } difference && difference != Money.Zero
        ? new DiscrepancyView(t.Amount, r.Amount, difference, t.HasOpenDiscrepancy, t.Resolution is { } x ? TrancheNames.Of(x.Action) : null,
            t.Resolution?.Reason, t.Resolution?.SupplementaryTrancheId, t.Resolution?.RecoveryAmount, t.Resolution?.ResolvedAt)
        : null;
}

public sealed record VoidView(string Reason, DateTimeOffset VoidedAt, string VoidedBy);

/// <summary>An issue run as Finance and auditors read it.</summary>
public sealed record RunView(string RunId, string ProgrammeId, int Year, DateTimeOffset StartedAt, IReadOnlyList<RunLineView> Regions)
{
    public static RunView From(IssueRun run) => new(run.RunId, run.ProgrammeId, run.Year, run.StartedAt,
        run.Regions.Select(r => new RunLineView(r.RegionId, TrancheNames.Of(r.Outcome), r.Reason, r.TrancheId)).ToList());
}

public sealed record RunLineView(string RegionId, string Outcome, string? Reason, string? TrancheId);
