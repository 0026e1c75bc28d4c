using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.Simulation.Harness;
using Npvr.Funding.Simulation.Workload;
using Npvr.Funding.Spending;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// Statements are what the journal alone implies: each answered statement equals the one rebuilt from the region's
/// journal entries (the rebuild of StatementTests: StatementFactsFromEvents and RegionYearStatement.Rebuild); balance =
/// carriedOverIn + received - spent; each year carries its balance into the next, from zero; every seal recomputes.
/// </summary>
internal static class StatementChecks
{
    public static void Run(FinalState state, IReadOnlyList<string> regions, Findings findings)
    {
        foreach (var region in regions)
        {
            var facts = state.Journals[region].Select(e => StatementFactsFromEvents.Of(FinalState.Envelope(e))).OfType<StatementFact>();
            var rebuilt = RegionYearStatement.Rebuild(World.ProgrammeId, region, FinalState.StatementYears[0], FinalState.StatementYears[^1], facts);
            var carried = Domain.Money.Zero;
            foreach (var statement in rebuilt)
            {
                var answered = state.Statements[(region, statement.Year)];
                var expected = FundingJson.ToJObject(StatementView.From(statement));
                findings.Check(JToken.DeepEquals(expected, answered), "statement-equals-journal",
                    () => $"{region} {statement.Year}: the journal implies {expected.ToString(Newtonsoft.Json.Formatting.None)} but the statement is {answered.ToString(Newtonsoft.Json.Formatting.None)}");
                var (inn, received, spent, balance) = (MoneyChecks.Amount(answered["carriedOverIn"]), MoneyChecks.Amount(answered["received"]),
                    MoneyChecks.Amount(answered["spent"]), MoneyChecks.Amount(answered["balance"]));
                findings.Check(balance == inn + received - spent, "balance-identity",
                    () => $"{region} {statement.Year}: balance {balance} != carriedOverIn {inn} + received {received} - spent {spent}");
                findings.Check(inn == carried, "carry-over-chain", () => $"{region} {statement.Year}: carriedOverIn {inn}, but the year before left {carried}");
                carried = balance;
            }
            Seals(region, state, findings);
        }
    }

    private static void Seals(string region, FinalState state, Findings findings)
    {
        // A year closed before anything was journaled seals the genesis head.
        var hashes = new List<string> { Contracts.Journal.JournalV2.Genesis(region).Hash };
        foreach (var entry in state.Journals[region].OrderBy(e => (long)e["sequence"]!))
        {
            var envelope = FinalState.Envelope(entry);
            if (envelope.Type == EventTypes.YearClosed)
            {
                var closed = envelope.DataAs<YearClosed>();
                findings.Check(Seal.Verify(closed) && hashes.Contains(closed.JournalHeadHash), "seal-verifies",
                    () => $"{region} {closed.Year}: seal {closed.SealHash} does not recompute over an earlier journal head ({closed.JournalHeadHash})");
            }
            hashes.Add((string)entry["hash"]!);
        }
    }
}
