namespace Npvr.Funding.Domain.Allocation;

public enum AllocationStatus
{
    AwaitingEstimate,
    Determined,
    Disbursed,
}

/// <summary>
/// A region-year's allocation held for one tranche: the version that tranche pays. While it holds, the estimate
/// cannot change, so the tranche can never pay a net DU other than this version's.
/// </summary>
public sealed record AllocationFreeze(int Version, string TrancheId)
{
    /// <summary>Names no tranche: what a bare "disbursed" mark from before freezes named their tranche means.</summary>
    public const string UnnamedTrancheId = "";
}

/// <summary>
/// One region's allocation for one programme year. No estimate yet means awaiting-estimate.
/// <paramref name="LastReleasedSequence"/> is the highest tranche sequence whose freeze was released (0: none): a
/// freeze request for that sequence or an earlier one is a late message about a voided tranche and is refused.
/// </summary>
public sealed record AllocationState(Money Gross, Money? CompensableVatEstimate, int Version, AllocationFreeze? Freeze, int LastReleasedSequence)
{
    public static AllocationState Initial(Money gross) => new(gross, null, 0, null, 0);

    /// <summary>Whether a tranche holds the allocation: the estimate cannot change until its void releases it.</summary>
    public bool IsFrozen => Freeze is not null;

    public Money NetDu => Gross - (CompensableVatEstimate ?? Money.Zero);

    /// <summary>The estimate is deposited into the BTW-compensatiefonds instead of paid to the region.</summary>
    public Money BcfDeposit => CompensableVatEstimate ?? Money.Zero;

    /// <summary>Disbursed only while the version shown is the one a tranche holds; a void returns it to determined.</summary>
    public AllocationStatus Status => Freeze is { } freeze && freeze.Version == Version ? AllocationStatus.Disbursed
        : CompensableVatEstimate is null ? AllocationStatus.AwaitingEstimate
        : AllocationStatus.Determined;
}

/// <summary>A VAT estimate as received: either the amount, or VAT-bearing spend (incl. VAT) at a rate.</summary>
public sealed record VatEstimate(Money? CompensableVat, Money? VatBearingSpend, decimal? VatRatePercent);
