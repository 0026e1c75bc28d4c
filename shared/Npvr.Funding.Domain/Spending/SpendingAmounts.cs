namespace Npvr.Funding.Domain.Spending;

/// <summary>The money rules of one entry: amount &gt; 0 (incl. VAT), 0 &lt;= vat &lt;= amount, 0 &lt;= compensableVat &lt;= vat.</summary>
internal static class SpendingAmounts
{
    public static (Money Amount, Money Vat, Money CompensableVat)? Check(Money? amount, Money? vat, Money? compensableVat, List<FieldError> errors)
    {
        var before = errors.Count;
        Money? validAmount = null, validVat = null;
        if (amount is not { } a)
            errors.Add(FieldError.Invalid("amount", "amount-required", "amount (including VAT) is required, e.g. \"1210.00\"."));
        else if (a.Cents <= 0)
            errors.Add(FieldError.Invalid("amount", "amount-not-positive", $"amount must be above zero, got {a}; a correction is a reversal."));
        else if (a > SpendingEntries.MaxEntryAmount)
            errors.Add(FieldError.Invalid("amount", "amount-too-large", $"amount {a} is above the largest entry, {SpendingEntries.MaxEntryAmount}."));
        else
            validAmount = a;

        if (vat is not { } v)
            errors.Add(FieldError.Invalid("vat", "vat-required", "vat is required (\"0.00\" when there is none)."));
        else if (v.IsNegative)
            errors.Add(FieldError.Invalid("vat", "vat-negative", $"vat cannot be negative, got {v}."));
        else if (validAmount is { } total && v > total)
            errors.Add(FieldError.Invalid("vat", "vat-exceeds-amount", $"vat {v} exceeds the amount {total} it is part of."));
        else
            validVat = v;

        if (compensableVat is not { } c)
            errors.Add(FieldError.Invalid("compensableVat", "compensable-vat-required", "compensableVat is required (\"0.00\" when none is reclaimable from the BCF)."));
        else if (c.IsNegative)
            errors.Add(FieldError.Invalid("compensableVat", "compensable-vat-negative", $"compensableVat cannot be negative, got {c}."));
        else if (validVat is { } paid && c > paid)
            errors.Add(FieldError.Invalid("compensableVat", "compensable-vat-exceeds-vat", $"compensableVat {c} exceeds the vat {paid} paid."));

        return errors.Count == before ? (amount!.Value, vat!.Value, compensableVat!.Value) : null;
    }

    /// <summary>Where money is about to be stored: the ordering must hold for an entry (positive) and its reversal (negated).</summary>
    public static void EnsureOrdered(SpendingEntry entry)
    {
        var sign = entry.IsReversal ? -1 : 1;
        var amount = sign * entry.Amount.Cents;
        var vat = sign * entry.Vat.Cents;
        var compensable = sign * entry.CompensableVat.Cents;
        if (!(amount > 0 && vat >= 0 && vat <= amount && compensable >= 0 && compensable <= vat))
            throw new InvalidOperationException($"Entry {entry.EntryId} breaks 0 <= compensableVat <= vat <= amount: {entry.Amount}, {entry.Vat}, {entry.CompensableVat}.");
    }
}
