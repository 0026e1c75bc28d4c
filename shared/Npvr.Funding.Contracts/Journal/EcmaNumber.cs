using System.Globalization;
using System.Text;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// ECMAScript's Number::toString for a finite double (ECMA-262 section 6.1.6.1.20), which RFC 8785 uses for numbers:
/// the shortest digits that read back as the same double (.NET's "R" gives them), placed as ECMAScript places them.
/// </summary>
public static class EcmaNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "Only finite numbers have a JSON form.");
        if (value == 0) return "0"; // also -0
        if (value < 0) return "-" + Format(-value);
        var (digits, n) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        var k = digits.Length;
        var text = new StringBuilder(k + 8);
        if (k <= n && n <= 21) return text.Append(digits).Append('0', n - k).ToString();
        if (0 < n && n <= 21) return text.Append(digits, 0, n).Append('.').Append(digits, n, k - n).ToString();
        if (-6 < n && n <= 0) return text.Append("0.").Append('0', -n).Append(digits).ToString();
        text.Append(digits[0]);
        if (k > 1) text.Append('.').Append(digits, 1, k - 1);
        var exponent = n - 1;
        return text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>
    /// The significant digits s (no leading or trailing zeros) and the exponent n with value = 0.s × 10^n, read from
    /// .NET's shortest round-trip text ("123.45", "1E+21", "1.5E-07").
    /// </summary>
    private static (string Digits, int N) Decompose(string shortest)
    {
        var parts = shortest.Split('E');
        var exponent = parts.Length == 2 ? int.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var mantissa = parts[0];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var all = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, integerDigits - leadingZeros + exponent);
    }
}
