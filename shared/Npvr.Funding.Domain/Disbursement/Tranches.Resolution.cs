namespace Npvr.Funding.Domain.Disbursement;

public static partial class Tranches
{
    /// <summary>
    /// Finance settles an open discrepancy with a reason (1..500 characters): <c>supplement</c> for a shortfall issues a
    /// new supplementary tranche of the missing amount (next sequence, same kassier and fund, received again like any
    /// tranche); <c>recovery</c> for an overpayment records the amount to recover. The wrong action for the sign is
    /// Invalid <c>action-does-not-fit</c>; a tranche without an open discrepancy Conflict <c>no-open-discrepancy</c>;
    /// an id not in <paramref name="tranches"/> NotFound <c>tranche-not-found</c>.
    /// </summary>
    public static ResolutionDecision ResolveDiscrepancy(RegionYearTranches tranches, string trancheId, ResolutionInput input, string resolvedBy,
        bool yearClosed, DateTimeOffset now)
    {
        tranches.EnsureWellFormed();
        var tranche = tranches.Find(trancheId)
            ?? throw new DomainException(DomainError.NotFound("tranche-not-found", $"There is no tranche '{trancheId}'."));
        EnsureOpen(yearClosed, tranche.Year);
        if (!tranche.HasOpenDiscrepancy || tranche.ReceiptDifference is not { } difference)
            throw new DomainException(DomainError.Conflict("no-open-discrepancy", $"Tranche {trancheId} has no open discrepancy to resolve."));
        var reason = TrancheText.Reason(input.Reason);
        return input.Action switch
        {
            ResolutionAction.Supplement => Supplement(tranches, tranche, difference, reason, resolvedBy, now),
            ResolutionAction.Recovery => Recover(tranches, tranche, difference, reason, resolvedBy, now),
            _ => throw TrancheText.Invalid("action-invalid", "action is \"supplement\" (a shortfall) or \"recovery\" (an overpayment)."),
        };
    }

    private static ResolutionDecision Supplement(RegionYearTranches tranches, Tranche tranche, Money difference, string reason, string resolvedBy, DateTimeOffset now)
    {
        if (!difference.IsNegative)
            throw TrancheText.Invalid("action-does-not-fit", $"Tranche {tranche.TrancheId} was overpaid by {difference}: resolve it with a recovery, not a supplement.");
        if (tranches.NextSequence > RegionYearTranches.MaxTranches)
            throw new DomainException(DomainError.Conflict(BlockReasons.TooManyTranches, $"{tranche.ProgrammeId} {tranche.Year} {tranche.RegionId} already holds {RegionYearTranches.MaxTranches} tranches."));
        var sequence = tranches.NextSequence;
        var supplementary = new Tranche(TrancheIds.For(tranche.ProgrammeId, tranche.Year, tranche.RegionId, sequence), tranche.ProgrammeId, tranche.Year,
            tranche.RegionId, sequence, TrancheKind.Supplementary, tranche.KassierOrganisationCode, tranche.Fund, tranche.AllocationVersion,
            -difference, Money.Zero, now, null, tranche.TrancheId, null, null, null);
        // The shortfall is paid exactly: what arrived plus the supplement is what the tranche should have brought.
        if (tranche.Receipt!.Amount + supplementary.Amount != tranche.Amount || !(supplementary.Amount > Money.Zero))
            throw new InvalidOperationException($"Supplement {supplementary.TrancheId} of {supplementary.Amount} does not close the shortfall of {tranche.TrancheId}.");
        var resolved = tranche with { Resolution = new DiscrepancyResolution(ResolutionAction.Supplement, reason, supplementary.TrancheId, null, now, resolvedBy) };
        var next = tranches.With(resolved).With(supplementary);
        next.EnsureWellFormed();
        return new ResolutionDecision(next, resolved, supplementary);
    }

    private static ResolutionDecision Recover(RegionYearTranches tranches, Tranche tranche, Money difference, string reason, string resolvedBy, DateTimeOffset now)
    {
        if (!(difference > Money.Zero))
            throw TrancheText.Invalid("action-does-not-fit", $"Tranche {tranche.TrancheId} fell short by {-difference}: resolve it with a supplement, not a recovery.");
        var resolved = tranche with { Resolution = new DiscrepancyResolution(ResolutionAction.Recovery, reason, null, difference, now, resolvedBy) };
        // What is recovered is exactly the excess: the kassier keeps what the tranche should have brought.
        if (tranche.Receipt!.Amount - resolved.Resolution.RecoveryAmount!.Value != tranche.Amount)
            throw new InvalidOperationException($"Recovery on {tranche.TrancheId} does not bring the receipt back to {tranche.Amount}.");
        return new ResolutionDecision(tranches.With(resolved), resolved, null);
    }
}
