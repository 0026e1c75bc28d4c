namespace Npvr.Funding.Domain.Disbursement;

/// <summary>
/// Pure decisions about tranches (the second half of the issue saga, receipt, discrepancy resolution, void). Each
/// returns new immutable state or throws a DomainException; none reads storage or the clock. A closed programme
/// year refuses every write with Conflict <c>year-closed</c>.
/// </summary>
public static partial class Tranches
{
    /// <summary>
    /// On AllocationFrozen: the regular tranche that pays the frozen version, to <paramref name="kassier"/> through the
    /// fund of its kind. Pass the kassier of the run's <see cref="PendingTranche"/>: the freeze is already held, and a
    /// refusal here (<c>fund-mismatch</c>) would leave it held for a tranche that does not exist. Idempotent: the same
    /// answer again returns the existing tranche with <see cref="IssueDecision.Created"/> false.
    /// </summary>
    public static IssueDecision Issue(RegionYearTranches tranches, FrozenAllocation frozen, OrganisationCode kassier, string programmeFund,
        bool yearClosed, DateTimeOffset now)
    {
        EnsureSameRegionYear(tranches, frozen);
        tranches.EnsureWellFormed();
        if (tranches.Find(frozen.TrancheId) is { } existing)
            return new IssueDecision(tranches, EnsureSamePayment(existing, frozen), false);
        EnsureOpen(yearClosed, frozen.Year);
        if (!TrancheIds.TryParse(frozen.TrancheId, out var key) || key.Sequence != tranches.NextSequence)
            throw new InvalidOperationException($"AllocationFrozen names {frozen.TrancheId}; the next tranche of {frozen.ProgrammeId} {frozen.Year} {frozen.RegionId} is sequence {tranches.NextSequence}.");
        var fund = Funds.For(kassier.Kind);
        if (fund != programmeFund)
            throw new DomainException(DomainError.Conflict(BlockReasons.FundMismatch, $"Programme {frozen.ProgrammeId} pays through the {programmeFund}; kassier {kassier} is paid through the {fund}."));
        // Conservation of the frozen split: every euro of the gross is paid or deposited, nothing negative is paid.
        if (frozen.NetDu + frozen.BcfDeposit != frozen.Gross || !(frozen.NetDu > Money.Zero) || frozen.BcfDeposit.IsNegative)
            throw new InvalidOperationException($"AllocationFrozen {frozen.TrancheId} v{frozen.Version}: {frozen.NetDu} + {frozen.BcfDeposit} != {frozen.Gross} or not payable.");
        var tranche = new Tranche(frozen.TrancheId, frozen.ProgrammeId, frozen.Year, frozen.RegionId, key.Sequence, TrancheKind.Regular,
            kassier.Value, fund, frozen.Version, frozen.NetDu, frozen.BcfDeposit, now, frozen.RunId, null, null, null, null);
        var next = tranches.With(tranche);
        EnsureYearPaidOnce(next, frozen);
        return new IssueDecision(next, tranche, true);
    }

    /// <summary>
    /// <see cref="Issue"/> as the answer to AllocationFrozen, with the run's line for the region. A freeze Allocation made
    /// before the year closed can reach Disbursement after the close (its event waited in Allocation's outbox while sends
    /// were refused): the tranche is not issued, and that is the run's outcome for the region (blocked with the refusal's
    /// reason, e.g. <c>year-closed</c>), not a message that fails until it is dead-lettered. The freeze stays: nothing of a
    /// closed year changes again. <see cref="IssueAnswer.Decision"/> is null when nothing is issued.
    /// </summary>
    public static IssueAnswer AnswerFreeze(RegionYearTranches tranches, FrozenAllocation frozen, OrganisationCode kassier, string programmeFund,
        bool yearClosed, DateTimeOffset now)
    {
        try
        {
            var decision = Issue(tranches, frozen, kassier, programmeFund, yearClosed, now);
            return new IssueAnswer(decision, decision.RunLine(frozen.RunId));
        }
        catch (DomainException refused)
        {
            return new IssueAnswer(null, RegionRun.Blocked(frozen.RegionId, refused.Error.Type));
        }
    }

    /// <summary>
    /// The invariant the freeze exists for, on the tranches as they now stand: the non-voided regular tranches pay the
    /// frozen version only, and together never more than its net DU. Supplementary tranches pay a receipt's shortfall
    /// and are checked against that receipt instead.
    /// </summary>
    private static void EnsureYearPaidOnce(RegionYearTranches next, FrozenAllocation frozen)
    {
        var paying = next.Tranches.Where(t => t.Kind == TrancheKind.Regular && t.Status != TrancheStatus.Voided).ToList();
        var paidCents = paying.Sum(t => t.Amount.Cents);
        if (paidCents > frozen.NetDu.Cents || paying.Any(t => t.AllocationVersion != frozen.Version || t.Amount != frozen.NetDu))
            throw new InvalidOperationException($"{frozen.ProgrammeId} {frozen.Year} {frozen.RegionId} would pay {Money.FromCents(paidCents)} against the frozen net DU {frozen.NetDu} of v{frozen.Version}.");
        next.EnsureWellFormed();
    }

    /// <summary>A repeated answer must describe the tranche that exists; anything else means two payments share an id.</summary>
    private static Tranche EnsureSamePayment(Tranche existing, FrozenAllocation frozen)
    {
        if (existing.Kind != TrancheKind.Regular || existing.AllocationVersion != frozen.Version || existing.Amount != frozen.NetDu || existing.BcfDeposit != frozen.BcfDeposit)
            throw new InvalidOperationException($"Tranche {existing.TrancheId} pays {existing.Amount} of v{existing.AllocationVersion}; AllocationFrozen says {frozen.NetDu} of v{frozen.Version}.");
        return existing;
    }

    private static void EnsureSameRegionYear(RegionYearTranches tranches, FrozenAllocation frozen)
    {
        if (tranches.ProgrammeId != frozen.ProgrammeId || tranches.Year != frozen.Year || tranches.RegionId != frozen.RegionId)
            throw new InvalidOperationException($"AllocationFrozen for {frozen.ProgrammeId} {frozen.Year} {frozen.RegionId} was given the tranches of {tranches.ProgrammeId} {tranches.Year} {tranches.RegionId}.");
    }

    private static void EnsureOpen(bool yearClosed, int year)
    {
        if (yearClosed)
            throw new DomainException(DomainError.Conflict(BlockReasons.YearClosed, $"Programme year {year} is closed; its tranches can no longer change."));
    }
}
