namespace Npvr.Funding.Domain.Statements;

/// <summary>
/// The statement of one region's programme-year (issue 9): what was granted, deposited in the BCF, issued, received
/// and spent, and what carries over. bcfPosition = bcfDeposit - compensableVatIncurred (what the region may still
/// reclaim from the BCF estimate, or owes to it when negative); balance = carriedOverIn + received - spent, the
/// carriedOverIn of the next year (also after the programme's last year). A negative balance is allowed (kassiers
/// pre-finance) and flagged.
/// </summary>
public sealed record RegionYearStatement(
    string ProgrammeId,
    int Year,
    string RegionId,
    Money Gross,
    Money BcfDeposit,
    Money NetAllocated,
    Money Issued,
    Money Received,
    int OpenDiscrepancies,
    Money Spent,
    Money CompensableVatIncurred,
    Money BcfPosition,
    Money CarriedOverIn,
    Money Balance,
    bool NegativeBalance,
    bool Closed,
    string? SealHash)
{
    /// <summary>Programmes.MaxYears plus a generous tail of carry-over years after the last one.</summary>
    public const int MaxYears = 100;

    /// <summary>The figures of a ledger, given the balance the previous year of the same programme and region carried over.</summary>
    public static RegionYearStatement Of(RegionYearLedger ledger, Money carriedOverIn)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var allocation = ledger.Allocation ?? new AllocationFigures(0, Money.Zero, Money.Zero, Money.Zero, false);
        var issued = Sum(ledger.Tranches.Select(t => t.CountedIssued));
        var received = Sum(ledger.Tranches.Select(t => t.CountedReceived));
        var balance = carriedOverIn + received - ledger.Spent;
        return new RegionYearStatement(ledger.ProgrammeId, ledger.Year, ledger.RegionId, allocation.Gross, allocation.BcfDeposit,
            allocation.NetAllocated, issued, received, ledger.Tranches.Count(t => t.DiscrepancyOpen), ledger.Spent,
            ledger.CompensableVatIncurred, allocation.BcfDeposit - ledger.CompensableVatIncurred, carriedOverIn, balance,
            balance.IsNegative, ledger.Closed, ledger.SealHash);
    }

    /// <summary>
    /// The statements of consecutive years of one programme and region, from the programme's first year: each year's
    /// carriedOverIn is the previous year's balance, the first year's is zero. Give an empty ledger for a year without facts.
    /// </summary>
    public static IReadOnlyList<RegionYearStatement> Chain(IReadOnlyList<RegionYearLedger> ledgersFromFirstYear)
    {
        ArgumentNullException.ThrowIfNull(ledgersFromFirstYear);
        var statements = new List<RegionYearStatement>(ledgersFromFirstYear.Count);
        var carried = Money.Zero;
        foreach (var ledger in ledgersFromFirstYear)
        {
            if (statements.Count > 0 && (ledger.Year != statements[^1].Year + 1 || ledger.ProgrammeId != statements[^1].ProgrammeId
                || ledger.RegionId != statements[^1].RegionId))
                throw new ArgumentException("Ledgers must be consecutive years of one programme and region.", nameof(ledgersFromFirstYear));
            var statement = Of(ledger, carried);
            statements.Add(statement);
            carried = statement.Balance;
        }
        return statements;
    }

    /// <summary>
    /// Rebuilds the statements of <paramref name="firstYear"/> to <paramref name="lastYear"/> of one programme and region
    /// from the facts of the region's journal alone, in journal order: the figures a projection must equal. Facts of
    /// other programmes and of later years are left out; a fact before the first year is a broken journal.
    /// </summary>
    public static IReadOnlyList<RegionYearStatement> Rebuild(string programmeId, string regionId, int firstYear, int lastYear,
        IEnumerable<StatementFact> journalFacts)
    {
        ArgumentNullException.ThrowIfNull(journalFacts);
        if (lastYear < firstYear || lastYear - firstYear >= MaxYears)
            throw new ArgumentOutOfRangeException(nameof(lastYear), lastYear, $"Rebuild covers 1 to {MaxYears} years from {firstYear}.");
        var ledgers = Enumerable.Range(firstYear, lastYear - firstYear + 1).Select(y => RegionYearLedger.Empty(programmeId, y, regionId)).ToArray();
        foreach (var fact in journalFacts.Where(f => f.ProgrammeId == programmeId && f.Year <= lastYear))
        {
            if (fact.Year < firstYear)
                throw new InvalidOperationException($"The journal of {regionId} holds a {fact.GetType().Name} for {programmeId} {fact.Year}, before its first year {firstYear}.");
            ledgers[fact.Year - firstYear] = ledgers[fact.Year - firstYear].Apply(fact);
        }
        return Chain(ledgers);
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, amount) => sum + amount);
}
