namespace Npvr.Funding.Domain.Allocation;

/// <summary>Pure rules for defining programmes.</summary>
public static class Programmes
{
    public const int MaxYears = 30;
    public const int MaxIdLength = 64;
    public static IReadOnlyList<string> Instruments { get; } = ["DU"];
    public static IReadOnlyList<string> Funds { get; } = ["Gemeentefonds", "Provinciefonds"];

    /// <summary>Ids are lower-case letters, digits and dashes: they become Table keys and URL segments.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static Programme Define(DefineProgramme command)
    {
        if (!IsValidId(command.ProgrammeId))
            throw Invalid("programme-id-invalid", $"A programme id is 1 to {MaxIdLength} lower-case letters, digits or dashes.");
        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) throw Invalid("programme-name-invalid", "name is required, at most 200 characters.");
        if (command.Instrument is null || !Instruments.Contains(command.Instrument))
            throw Invalid("instrument-invalid", $"instrument must be one of: {string.Join(", ", Instruments)}.");
        if (command.Fund is null || !Funds.Contains(command.Fund))
            throw Invalid("fund-invalid", $"fund must be one of: {string.Join(", ", Funds)}.");
        var years = command.Years ?? [];
        if (years.Count is 0 or > MaxYears || years.Distinct().Count() != years.Count || years.Any(y => y is < 2000 or > 2100))
            throw Invalid("years-invalid", $"years lists 1 to {MaxYears} distinct years between 2000 and 2100.");
        var regions = command.Regions ?? [];
        if (regions.Count == 0 || regions.Distinct().Count() != regions.Count || !regions.All(Domain.Regions.Exists))
            throw Invalid("regions-invalid", "regions lists distinct known region ids, at least one.");
        if (command.GrossPerRegionPerYear is not { Cents: > 0 } gross)
            throw Invalid("gross-invalid", "grossPerRegionPerYear is an amount above zero, e.g. \"350000.00\".");
        return new Programme(command.ProgrammeId, name, command.Instrument, command.Fund, [.. years.Order()], [.. regions], gross);
    }

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
