namespace Npvr.Funding.Domain.Statements;

/// <summary>
/// The decision to close a programme-year. <see cref="Refusal"/> is Conflict year-has-open-items with
/// <see cref="OpenItems"/> listed. Otherwise <see cref="ToSeal"/> are the statements to seal now, one per region
/// not yet sealed (after a crash half-way only the rest), and <see cref="AlreadySealed"/> those sealed before; when
/// ToSeal is empty the year was closed already and the app answers the existing seals again.
/// </summary>
public sealed record YearCloseDecision(
    DomainError? Refusal,
    IReadOnlyList<OpenItem> OpenItems,
    IReadOnlyList<RegionYearStatement> ToSeal,
    IReadOnlyList<RegionYearStatement> AlreadySealed)
{
    public bool IsRefused => Refusal is not null;
    public bool WasAlreadyClosed => !IsRefused && ToSeal.Count == 0;
}

public static class YearClose
{
    /// <summary>Open items named in the refusal's sentence; the full list travels in <see cref="YearCloseDecision.OpenItems"/>.</summary>
    public const int MaxOpenItemsInDetail = 10;

    /// <summary>
    /// Decides the close of <paramref name="programmeId"/> <paramref name="year"/> from the statement of every region
    /// taking part and the open items of that year (<see cref="RegionYearLedger.OpenItems"/> of each region).
    /// Each region's seal is then Seal.Compute(its journal head hash, the canonical statement) in Contracts.
    /// </summary>
    public static YearCloseDecision Decide(string programmeId, int year, IReadOnlyList<RegionYearStatement> statements, IReadOnlyList<OpenItem> openItems)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(openItems);
        EnsureConsistent(programmeId, year, statements, openItems);
        if (openItems.Count > 0)
        {
            var listed = string.Join("; ", openItems.Take(MaxOpenItemsInDetail).Select(Describe));
            var more = openItems.Count > MaxOpenItemsInDetail ? $"; and {openItems.Count - MaxOpenItemsInDetail} more" : "";
            var refusal = DomainError.Conflict("year-has-open-items",
                $"{programmeId} {year} cannot be closed while {openItems.Count} item(s) are open: {listed}{more}.");
            return new YearCloseDecision(refusal, openItems, [], []);
        }
        return new YearCloseDecision(null, [], [.. statements.Where(s => !s.Closed)], [.. statements.Where(s => s.Closed)]);
    }

    private static void EnsureConsistent(string programmeId, int year, IReadOnlyList<RegionYearStatement> statements, IReadOnlyList<OpenItem> openItems)
    {
        if (statements.Count == 0)
            throw new ArgumentException("A close needs the statement of every region taking part.", nameof(statements));
        if (statements.Any(s => s.ProgrammeId != programmeId || s.Year != year))
            throw new ArgumentException($"Every statement must be of {programmeId} {year}.", nameof(statements));
        if (statements.Select(s => s.RegionId).Distinct(StringComparer.Ordinal).Count() != statements.Count)
            throw new ArgumentException("One statement per region.", nameof(statements));
        foreach (var statement in statements)
        {
            var listed = openItems.Count(i => i.RegionId == statement.RegionId && i.Kind == OpenItemKind.OpenDiscrepancy);
            if (listed != statement.OpenDiscrepancies)
                throw new ArgumentException($"{statement.RegionId} has {statement.OpenDiscrepancies} open discrepancies but {listed} are listed as open items.", nameof(openItems));
        }
    }

    private static string Describe(OpenItem item) => item.Kind switch
    {
        OpenItemKind.UnconfirmedTranche => $"tranche {item.TrancheId} of {item.RegionId} is not confirmed as received",
        OpenItemKind.OpenDiscrepancy => $"tranche {item.TrancheId} of {item.RegionId} has an open discrepancy",
        _ => $"tranche {item.TrancheId} of {item.RegionId} is being issued",
    };
}
