namespace Npvr.Funding.Domain.Allocation;

public enum AllocationStatus
{
    AwaitingEstimate,
    Determined,
    Disbursed,
}

/// <summary>One region's allocation for one programme year. No estimate yet means awaiting-estimate.</summary>
public sealed record AllocationState(Money Gross, Money? CompensableVatEstimate, int Version, bool Disbursed)
{
    public static AllocationState Initial(Money gross) => new(gross, null, 0, false);

    public Money NetDu => Gross - (CompensableVatEstimate ?? Money.Zero);

    /// <summary>The estimate is deposited into the BTW-compensatiefonds instead of paid to the region.</summary>
    public Money BcfDeposit => CompensableVatEstimate ?? Money.Zero;

    public AllocationStatus Status => Disbursed ? AllocationStatus.Disbursed
        : CompensableVatEstimate is null ? AllocationStatus.AwaitingEstimate
        : AllocationStatus.Determined;
}

/// <summary>A VAT estimate as received: either the amount, or VAT-bearing spend (incl. VAT) at a rate.</summary>
public sealed record VatEstimate(Money? CompensableVat, Money? VatBearingSpend, decimal? VatRatePercent);
