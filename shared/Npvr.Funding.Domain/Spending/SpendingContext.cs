namespace Npvr.Funding.Domain.Spending;

/// <summary>A programme as the spending rules need it: where its years start and which of them are closed.</summary>
public sealed record SpendingProgramme(string ProgrammeId, int FirstYear, IReadOnlySet<int> ClosedYears)
{
    public bool IsClosed(int year) => ClosedYears.Contains(year);
}

/// <summary>
/// What the app knows when it records an entry for a region.
/// <see cref="Today"/> is the business date in Europe/Amsterdam (see <see cref="BusinessDate.InAmsterdam"/>), passed
/// in so the rules never read a clock. <see cref="Programmes"/> are the programmes the region takes part in.
/// </summary>
public sealed class SpendingContext
{
    private readonly Dictionary<string, SpendingProgramme> _programmes;

    public SpendingContext(string regionId, DateOnly today, IEnumerable<SpendingProgramme> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        RegionId = regionId;
        Today = today;
        _programmes = programmes.ToDictionary(p => p.ProgrammeId, StringComparer.Ordinal);
    }

    public string RegionId { get; }
    public DateOnly Today { get; }

    public SpendingProgramme? Programme(string? programmeId) =>
        programmeId is not null && _programmes.TryGetValue(programmeId, out var programme) ? programme : null;
}
