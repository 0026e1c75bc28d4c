namespace Npvr.Funding.Hosting;

/// <summary>
/// Numbers in routes and query strings, read strictly: ASCII digits only. int.TryParse accepts trailing NUL characters
/// ("2025\0" is 2025), so year=2025%00 would pass as a year; here it is a 400.
/// </summary>
public static class QueryValues
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>True when <paramref name="text"/> is 1 to <paramref name="maxDigits"/> ASCII digits (at most 18).</summary>
    public static bool TryParseWholeNumber(string? text, int maxDigits, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > Math.Min(maxDigits, 18) || !text.All(char.IsAsciiDigit)) return false;
        foreach (var c in text) value = (value * 10) + (c - '0');
        return true;
    }

    /// <summary>A programme id from a route or query (<paramref name="name"/> names it in the refusal), or 400 <c>programme-id-invalid</c>.</summary>
    public static string ProgrammeId(string? text, string name = "A programme id") =>
        Domain.Allocation.Programmes.IsValidId(text)
            ? text!
            : throw new ProblemException(Problem.BadRequest("programme-id-invalid", $"{name} is 1 to {Domain.Allocation.Programmes.MaxIdLength} lower-case letters, digits or dashes."));

    /// <summary>A programme year, or 400 <c>year-invalid</c>.</summary>
    public static int Year(string? text) =>
        TryParseWholeNumber(text, 4, out var year) && year is >= FirstYear and <= LastYear
            ? (int)year
            : throw new ProblemException(Problem.BadRequest("year-invalid", $"year is a programme year from {FirstYear} to {LastYear}."));
}
