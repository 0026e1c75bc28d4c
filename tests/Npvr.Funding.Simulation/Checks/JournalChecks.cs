using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.Simulation.Harness;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// Nothing lost, nothing doubled: every event any app wrote was published and is in its region's journal exactly
/// once; the journal holds nothing no app wrote; a tranche is received at most once; nothing is written into a year
/// after its seal.
/// </summary>
internal static class JournalChecks
{
    public static void Run(FinalState state, Findings findings)
    {
        foreach (var row in state.Outbox)
            findings.Check(row.Published, "outbox-published", () => $"{row.Type} {row.EventId} in {row.Table}/{row.Partition} is still unpublished after the final sweeps");
        var journaled = state.Journals.ToDictionary(j => j.Key, j => j.Value.Select(e => (string)e["entry"]!["eventId"]!).ToList(), StringComparer.Ordinal);
        foreach (var row in state.Outbox.Where(r => r.Destination == OutboxMessage.FundingEvents && r.RegionId is not null))
        {
            var times = journaled.GetValueOrDefault(row.RegionId!)?.Count(id => id == row.EventId) ?? 0;
            findings.Check(times == 1, "journal-exactly-once", () => $"{row.Type} {row.EventId} (written by {row.Table}) is {times} time(s) in the {row.RegionId} journal");
        }
        var written = state.Outbox.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
        foreach (var (region, ids) in journaled)
        {
            foreach (var twice in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
                findings.Break("journal-exactly-once", $"event {twice.Key} is {twice.Count()} times in the {region} journal");
            foreach (var id in ids)
                findings.Check(written.Contains(id), "journal-only-written-events", () => $"the {region} journal holds event {id}, which no app's outbox holds");
            ReceivedAtMostOnce(region, state, findings);
            NoWriteAfterSeal(region, state, findings);
        }
    }

    private static void ReceivedAtMostOnce(string region, FinalState state, Findings findings)
    {
        var receipts = state.Journals[region].Select(FinalState.Envelope)
            .Where(e => e.Type is EventTypes.TrancheReceived or EventTypes.TrancheDiscrepancyRaised)
            .GroupBy(e => (string?)e.Data["trancheId"] ?? "", StringComparer.Ordinal);
        foreach (var receipt in receipts)
            findings.Check(receipt.Count() == 1, "tranche-received-at-most-once", () => $"tranche {receipt.Key} is received {receipt.Count()} times in the {region} journal");
    }

    /// <summary>
    /// In journal order: once a programme-year is sealed, no later entry carries a fact of that programme-year. Three kinds
    /// are let pass and counted: an allocation version older than one already journaled (changes nothing: the fold keeps
    /// the highest version), a freeze of the version already frozen (Allocation's answer to a later run that asked for
    /// the tranche again: changes nothing), and the window docs/decisions.md (issue 9) admits: Allocation learns of the close from
    /// YearClosed, so an estimate of a region-year without a live tranche, accepted before that event arrived (or made
    /// before the close and published late), is journaled after the seal.
    /// </summary>
    private static void NoWriteAfterSeal(string region, FinalState state, Findings findings)
    {
        var entries = state.Journals[region].OrderBy(e => (long)e["sequence"]!).Select(e => (Entry: e, Fact: StatementFactsFromEvents.Of(FinalState.Envelope(e)))).ToList();
        var live = entries.Select(e => e.Fact).OfType<TrancheIssuedFact>().Select(f => f.TrancheId)
            .Except(entries.Select(e => e.Fact).OfType<TrancheVoidedFact>().Select(f => f.TrancheId)).ToHashSet(StringComparer.Ordinal);
        var paid = entries.Select(e => e.Fact).OfType<TrancheIssuedFact>().Where(f => live.Contains(f.TrancheId)).Select(f => (f.ProgrammeId, f.Year)).ToHashSet();
        var sealedYears = new Dictionary<(string, int), long>();
        var versions = new Dictionary<(string, int), int>();
        var frozen = new Dictionary<(string, int), int>();
        foreach (var (entry, fact) in entries)
        {
            if (fact is null) continue;
            var sequence = (long)entry["sequence"]!;
            var key = (fact.ProgrammeId, fact.Year);
            var newest = versions.GetValueOrDefault(key);
            var frozenBefore = frozen.GetValueOrDefault(key);
            if (fact is AllocationFact allocation) versions[key] = Math.Max(newest, allocation.Version);
            if (fact is AllocationFact { Frozen: true } freeze) frozen[key] = Math.Max(frozenBefore, freeze.Version);
            if (fact is YearClosedFact)
            {
                findings.Check(!sealedYears.ContainsKey(key), "no-write-after-seal", () => $"{region} {fact.ProgrammeId} {fact.Year} is sealed twice (entries {sealedYears[key]} and {sequence})");
                sealedYears.TryAdd(key, sequence);
                continue;
            }
            if (!sealedYears.TryGetValue(key, out var sealedAt)) continue;
            if (fact is AllocationFact { Frozen: true } again && again.Version == frozenBefore)
                findings.Tolerate("repeated-freeze-after-seal", $"{region} journal entry {sequence}: AllocationFrozen of {fact.ProgrammeId} {fact.Year} version {again.Version}, frozen at that version before its seal at entry {sealedAt} (a later run's answer)");
            else if (fact is AllocationFact { Frozen: false } stale && stale.Version <= newest)
                findings.Tolerate("stale-allocation-after-seal", $"{region} journal entry {sequence}: allocation version {stale.Version} of {fact.ProgrammeId} {fact.Year} after its seal at entry {sealedAt}, version {newest} already journaled");
            else if (fact is AllocationFact { Frozen: false } && !paid.Contains(key))
                findings.Tolerate("estimate-after-seal", $"{region} journal entry {sequence}: AllocationDetermined of {fact.ProgrammeId} {fact.Year} (no live tranche) after its seal at entry {sealedAt}");

            else
                findings.Check(false, "no-write-after-seal",
                    () => $"{region} journal entry {sequence} ({entry["entry"]!["type"]}) counts in {fact.ProgrammeId} {fact.Year}, sealed at entry {sealedAt}");
        }
    }
}
