namespace Npvr.Funding.Domain.Disbursement;

public static partial class Tranches
{
    /// <summary>
    /// Finance voids a tranche that was issued and not yet received, with a reason (1..500 characters). Afterwards
    /// Conflict <c>tranche-not-voidable</c>. Raise TrancheVoided: Allocation releases its freeze on it, and the year may
    /// then be issued again under the next sequence.
    /// </summary>
    public static Tranche Void(Tranche tranche, string? reason, string voidedBy, bool yearClosed, DateTimeOffset now)
    {
        EnsureOpen(yearClosed, tranche.Year);
        if (tranche.Status != TrancheStatus.Issued)
            throw new DomainException(DomainError.Conflict("tranche-not-voidable",
                $"Tranche {tranche.TrancheId} is {TrancheNames.Of(tranche.Status)}; only an issued tranche can be voided."));
        return tranche with { Voiding = new TrancheVoid(TrancheText.Reason(reason), now, voidedBy) };
    }
}
