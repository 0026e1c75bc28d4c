using System.Globalization;

namespace Npvr.Funding.Domain;

/// <summary>
/// An amount in euro cents. Amounts never pass through floating point: the wire form is a string
/// with exactly two decimals ("341322.31") and the inside form is a whole number of cents.
/// </summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    /// <summary>Largest accepted magnitude: EUR 9,999,999,999,999.99, far above any budget, far below long overflow.</summary>
    public const long MaxCents = 999_999_999_999_999;

    public static Money Zero => new(0);

    public static Money FromCents(long cents)
    {
        if (cents is > MaxCents or < -MaxCents)
            throw new OverflowException($"{cents} cents is outside the supported range.");
        return new Money(cents);
    }

    public static Money operator +(Money a, Money b) => FromCents(checked(a.Cents + b.Cents));
    public static Money operator -(Money a, Money b) => FromCents(checked(a.Cents - b.Cents));
    public static Money operator -(Money a) => new(-a.Cents);
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    public bool IsNegative => Cents < 0;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    public static Money Parse(string text) =>
        TryParse(text, out var money, out var error) ? money : throw new FormatException(error);

    /// <summary>
    /// Accepts only "-?digits.dd": no exponent, no thousands separators, no spaces, exactly two decimals, no "-0.00".
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string error)
    {
        money = Zero;
        error = MoneyText.Check(text);
        if (error.Length > 0) return false;
        var negative = text![0] == '-';
        var digits = text.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var cents = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (cents > MaxCents)
        {
            error = $"'{text}' is larger than the largest supported amount.";
            return false;
        }
        if (negative && cents == 0)
        {
            // "-0.00" reads as 0.00 but would never be written back the same way: one amount, one spelling.
            error = "'-0.00' is not an amount: zero has no sign.";
            return false;
        }
        money = new Money(negative ? -cents : cents);
        return true;
    }

    public override string ToString()
    {
        var magnitude = Math.Abs(Cents);
        var text = string.Create(CultureInfo.InvariantCulture, $"{magnitude / 100}.{magnitude % 100:D2}");
        return Cents < 0 ? "-" + text : text;
    }
}
