using System.Globalization;

namespace Npvr.Funding.Domain;

/// <summary>VAT arithmetic. Computed once per estimate or invoice line and rounded half away from zero to the cent.</summary>
public static class Vat
{
    public const decimal MaxRatePercent = 100m;

    /// <summary>
    /// The VAT contained in an amount that includes VAT: amount x rate / (100 + rate).
    /// Example from the Achterhoek papers: 50,000.00 at 21% holds 8,677.69 VAT.
    /// </summary>
    public static Money ContainedIn(Money amountIncludingVat, decimal ratePercent)
    {
        EnsureRate(ratePercent);
        var vatCents = amountIncludingVat.Cents * ratePercent / (100m + ratePercent);
        var rounded = decimal.Round(vatCents, 0, MidpointRounding.AwayFromZero);
        var result = Money.FromCents((long)rounded);
        // Invariant: VAT contained in an amount never exceeds that amount.
        if (Math.Abs(result.Cents) > Math.Abs(amountIncludingVat.Cents))
            throw new InvalidOperationException("VAT exceeds the amount it is contained in.");
        return result;
    }

    public static bool IsValidRate(decimal ratePercent) =>
        ratePercent is >= 0m and <= MaxRatePercent && decimal.Round(ratePercent, 2) == ratePercent;

    public static bool TryParseRate(string? text, out decimal ratePercent) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out ratePercent)
        && IsValidRate(ratePercent);

    private static void EnsureRate(decimal ratePercent)
    {
        if (!IsValidRate(ratePercent))
            throw new ArgumentOutOfRangeException(nameof(ratePercent), ratePercent, "A VAT rate is a percentage from 0 to 100 with at most two decimals.");
    }
}
