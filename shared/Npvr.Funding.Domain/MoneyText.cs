namespace Npvr.Funding.Domain;

/// <summary>Shape check of an amount string, kept apart so the parser itself stays trivial.</summary>
internal static class MoneyText
{
    // 15 integer digits is the most MaxCents can hold; anything longer is rejected before parsing.
    private const int MaxIntegerDigits = 13;

    public static string Check(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "An amount is required.";
        var body = text[0] == '-' ? text[1..] : text;
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return $"'{text}' must have exactly two decimals, e.g. \"350000.00\".";
        var whole = body[..dot];
        var fraction = body[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit)) return $"'{text}' is not a plain decimal amount.";
        if (fraction.Length != 2 || !fraction.All(char.IsAsciiDigit))
            return $"'{text}' must have exactly two decimals, e.g. \"350000.00\".";
        if (whole.Length > 1 && whole[0] == '0') return $"'{text}' has a leading zero.";
        if (whole.Length > MaxIntegerDigits) return $"'{text}' is larger than the largest supported amount.";
        return "";
    }
}
