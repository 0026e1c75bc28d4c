namespace Npvr.Funding.Domain.Allocation;

/// <summary>
/// Pure rules for VAT estimates and allocations (domain.md, "VAT: the BTW-compensatiefonds"). The freeze that
/// ties a tranche to one allocation version is in Allocations.Freeze.cs.
/// </summary>
public static partial class Allocations
{
    /// <summary>The new state after an estimate: gross - estimate is the DU, the estimate the BCF deposit.</summary>
    public static AllocationState Determine(Programme programme, int year, string regionId, AllocationState current, VatEstimate input)
    {
        if (!programme.Years.Contains(year))
            throw Invalid("year-not-in-programme", $"Programme {programme.ProgrammeId} has no year {year}.");
        if (!programme.Regions.Contains(regionId, StringComparer.Ordinal))
            throw Invalid("region-not-in-programme", $"Region '{regionId}' takes no part in programme {programme.ProgrammeId}.");
        if (current.Freeze is { } freeze)
            throw new DomainException(DomainError.Conflict("allocation-already-disbursed",
                $"Version {freeze.Version} of the {year} allocation of {regionId} is being paid{TrancheNamed(freeze)}; the estimate can no longer change unless that tranche is voided."));
        var estimate = EstimateOf(input);
        if (estimate > current.Gross)
            throw Invalid("estimate-exceeds-gross", $"The compensable VAT estimate {estimate} exceeds the gross {current.Gross}.");
        var next = current with { CompensableVatEstimate = estimate, Version = current.Version + 1 };
        // Conservation: every euro is accounted for, and nothing negative is paid.
        if (next.NetDu + next.BcfDeposit != next.Gross || next.NetDu.IsNegative)
            throw new InvalidOperationException($"Conservation broken for {regionId} {year}: {next.NetDu} + {next.BcfDeposit} != {next.Gross}.");
        return next;
    }

    public static Money EstimateOf(VatEstimate input)
    {
        var byAmount = input.CompensableVat is not null;
        var bySpend = input.VatBearingSpend is not null || input.VatRatePercent is not null;
        if (byAmount == bySpend)
            throw Invalid("estimate-form-invalid", "Give either compensableVat, or vatBearingSpend with vatRatePercent.");
        if (byAmount)
            return input.CompensableVat!.Value.IsNegative ? throw Invalid("estimate-negative", "compensableVat cannot be negative.") : input.CompensableVat.Value;
        if (input.VatBearingSpend is not { } spend || input.VatRatePercent is not { } rate)
            throw Invalid("estimate-form-invalid", "vatBearingSpend and vatRatePercent go together.");
        if (spend.IsNegative) throw Invalid("estimate-negative", "vatBearingSpend cannot be negative.");
        if (!Vat.IsValidRate(rate)) throw Invalid("vat-rate-invalid", "vatRatePercent is from 0 to 100, at most two decimals.");
        return Vat.ContainedIn(spend, rate);
    }

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
