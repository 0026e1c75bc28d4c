using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Spending;

/// <summary>
/// Spending's projection of statement facts (issue 9): the RegionYearLedger of every programme-year of one region,
/// kept in the region's journal head row and folded by <see cref="JournalLinker"/> in the transaction that links the
/// events. So the projection is exactly the fold of the chain up to the head (each event once, in journal order), and
/// a statement never sees an event that the journal does not hold.
/// </summary>
internal static class StatementProjection
{
    public const string Property = "Statements";

    /// <summary>
    /// A region's programme-years (3 per programme plus carry-over years) with their tranches: a few hundred bytes each,
    /// far inside a table property's 64 KiB even at this bound. More means a broken journal.
    /// </summary>
    public const int MaxLedgersPerRegion = 60;

    public static Dictionary<string, RegionYearLedger> Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new(StringComparer.Ordinal);
        var stored = FundingJson.Deserialize<List<StoredLedger>>(json);
        return stored.ToDictionary(s => Key(s.ProgrammeId, s.Year), s => s.ToLedger(), StringComparer.Ordinal);
    }

    public static string Write(IReadOnlyDictionary<string, RegionYearLedger> ledgers)
    {
        if (ledgers.Count > MaxLedgersPerRegion)
            throw new InvalidOperationException($"A region holds {ledgers.Count} programme-years, more than {MaxLedgersPerRegion}.");
        return FundingJson.Serialize(ledgers.Values.OrderBy(l => l.ProgrammeId, StringComparer.Ordinal).ThenBy(l => l.Year).Select(StoredLedger.From).ToList());
    }

    public static string Key(string programmeId, int year) => $"{programmeId}|{year}";

    /// <summary>Applies the event's statement fact, if it carries one for this region.</summary>
    public static void Apply(Dictionary<string, RegionYearLedger> ledgers, string regionId, EventEnvelope envelope)
    {
        if (StatementFactsFromEvents.Of(envelope) is not { } fact) return;
        var key = Key(fact.ProgrammeId, fact.Year);
        var ledger = ledgers.TryGetValue(key, out var known) ? known : RegionYearLedger.Empty(fact.ProgrammeId, fact.Year, regionId);
        ledgers[key] = ledger.Apply(fact);
    }

    /// <summary>The ledgers of one programme from <paramref name="firstYear"/> to <paramref name="year"/>, empty where nothing happened.</summary>
    public static IReadOnlyList<RegionYearStatement> Chain(IReadOnlyDictionary<string, RegionYearLedger> ledgers, string programmeId, string regionId, int firstYear, int year)
    {
        if (year < firstYear || year - firstYear >= RegionYearStatement.MaxYears)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"A statement is of a year from {firstYear} to {firstYear + RegionYearStatement.MaxYears - 1}.");
        var years = Enumerable.Range(firstYear, year - firstYear + 1)
            .Select(y => ledgers.TryGetValue(Key(programmeId, y), out var l) ? l : RegionYearLedger.Empty(programmeId, y, regionId))
            .ToList();
        return RegionYearStatement.Chain(years);
    }

    /// <summary>The stored form: the ledger's own fields only (its computed properties are not state).</summary>
    private sealed record StoredLedger(
        string ProgrammeId, int Year, string RegionId, AllocationFigures? Allocation, List<StoredTranche> Tranches,
        Money Spent, Money CompensableVatIncurred, long SpendingEntries, bool Closed, string? SealHash, long FactsAfterClose)
    {
        public static StoredLedger From(RegionYearLedger l) => new(l.ProgrammeId, l.Year, l.RegionId, l.Allocation,
            [.. l.Tranches.Select(t => new StoredTranche(t.TrancheId, t.Issued, t.Voided, t.Received, t.DiscrepancyOpen, t.DiscrepancyResolved, t.Recovered, t.AwaitedBy))],
            l.Spent, l.CompensableVatIncurred, l.SpendingEntries, l.Closed, l.SealHash, l.FactsAfterClose);

        public RegionYearLedger ToLedger() => new(ProgrammeId, Year, RegionId, Allocation,
            [.. Tranches.Select(t => new TrancheLine(t.TrancheId, t.Issued, t.Voided, t.Received, t.DiscrepancyOpen, t.DiscrepancyResolved, t.Recovered) { AwaitedBy = t.AwaitedBy ?? [] })],
            Spent, CompensableVatIncurred, SpendingEntries, Closed, SealHash, FactsAfterClose);
    }

    private sealed record StoredTranche(string TrancheId, Money? Issued, bool Voided, Money? Received, bool DiscrepancyOpen, bool DiscrepancyResolved, Money Recovered,
        IReadOnlyList<string>? AwaitedBy);
}
