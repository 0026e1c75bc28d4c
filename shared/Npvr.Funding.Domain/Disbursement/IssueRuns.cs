using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Domain.Disbursement;

/// <summary>
/// Issuing a programme year (POST /programmes/{id}/years/{year}/tranches), the first half of the saga:
/// <list type="number">
/// <item><see cref="Plan"/> answers the POST: per region queued, already-issued or blocked; one IssueTranche
/// message per queued region.</item>
/// <item>Per IssueTranche message, <see cref="DecideRegion"/> decides again on the facts of that moment; when it
/// returns a <see cref="PendingTranche"/>, send FreezeAllocation and keep the pending record with the run.</item>
/// <item>Allocation answers AllocationFrozen (then <see cref="Tranches.Issue"/>) or AllocationFreezeRefused (then
/// record <see cref="RegionRun.Blocked"/> with its reason); <see cref="Record"/> keeps the run's lines moving forward.</item>
/// </list>
/// </summary>
public static class IssueRuns
{
    /// <summary>
    /// The run's answer to Finance. Refuses a year outside the programme (Invalid <c>year-not-in-programme</c>).
    /// <paramref name="regions"/> holds the facts of every region of the programme, once each.
    /// </summary>
    public static IssueRun Plan(string runId, Programme programme, int year, bool yearClosed, IReadOnlyList<RegionYearFacts> regions, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        EnsureYearInProgramme(programme, year);
        // A programme lists each of the 11 regions at most once, so this loop is bounded by Regions.All.
        if (regions.Count != programme.Regions.Count || programme.Regions.Count > Regions.All.Count)
            throw new InvalidOperationException($"Run {runId} has facts for {regions.Count} regions; programme {programme.ProgrammeId} has {programme.Regions.Count}.");
        var byRegion = regions.ToDictionary(f => f.RegionId, StringComparer.Ordinal);
        var lines = new List<RegionRun>(programme.Regions.Count);
        foreach (var regionId in programme.Regions)
        {
            var facts = byRegion.GetValueOrDefault(regionId)
                ?? throw new InvalidOperationException($"Run {runId} has no facts for region {regionId} of programme {programme.ProgrammeId}.");
            lines.Add(DecideRegion(programme, year, yearClosed, facts, runId).Run);
        }
        return new IssueRun(runId, programme.ProgrammeId, year, now, lines);
    }

    /// <summary>
    /// One region's decision, on the facts of now: blocked (year-closed, awaiting-estimate, kassier-not-designated,
    /// nothing-to-pay, fund-mismatch, too-many-tranches), already issued (issued if this run issued it), or queued with the freeze
    /// to request. The tranche id is that of the next sequence, so deciding again before Allocation answers asks for
    /// the same tranche, and a repeated freeze is answered the same.
    /// </summary>
    public static RegionDecision DecideRegion(Programme programme, int year, bool yearClosed, RegionYearFacts facts, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        EnsureYearInProgramme(programme, year);
        var regionId = facts.RegionId;
        if (!programme.Regions.Contains(regionId, StringComparer.Ordinal))
            throw new DomainException(DomainError.Invalid("region-not-in-programme", $"Region '{regionId}' takes no part in programme {programme.ProgrammeId}."));
        var tranches = facts.Tranches;
        if (tranches.ProgrammeId != programme.ProgrammeId || tranches.Year != year || tranches.RegionId != regionId)
            throw new InvalidOperationException($"The tranches of {tranches.ProgrammeId} {tranches.Year} {tranches.RegionId} were given for {programme.ProgrammeId} {year} {regionId}.");
        tranches.EnsureWellFormed();
        if (yearClosed) return Blocked(regionId, BlockReasons.YearClosed);
        if (tranches.ActiveRegular is { } active)
            return new RegionDecision(active.RunId == runId ? RegionRun.Issued(regionId, active.TrancheId) : RegionRun.AlreadyIssued(regionId, active.TrancheId), null);
        if (facts.Allocation is not { } allocation) return Blocked(regionId, BlockReasons.AwaitingEstimate);
        if (allocation.NetDu + allocation.BcfDeposit != allocation.Gross || allocation.NetDu.IsNegative)
            throw new InvalidOperationException($"Allocation {programme.ProgrammeId} {year} {regionId} v{allocation.Version}: {allocation.NetDu} + {allocation.BcfDeposit} != {allocation.Gross}.");
        if (!(allocation.NetDu > Money.Zero)) return Blocked(regionId, BlockReasons.NothingToPay);
        if (facts.Kassier is not { } kassier) return Blocked(regionId, BlockReasons.KassierNotDesignated);
        var fund = Funds.For(kassier.Kind);
        if (fund != programme.Fund) return Blocked(regionId, BlockReasons.FundMismatch);
        if (tranches.NextSequence > RegionYearTranches.MaxTranches) return Blocked(regionId, BlockReasons.TooManyTranches);
        var sequence = tranches.NextSequence;
        var pending = new PendingTranche(runId, programme.ProgrammeId, year, regionId, TrancheIds.For(programme.ProgrammeId, year, regionId, sequence),
            sequence, allocation.Version, kassier, fund);
        return new RegionDecision(RegionRun.Queued(regionId), pending);
    }

    /// <summary>
    /// The run with one region's later outcome. Outcomes only move forward (queued, blocked, already-issued, issued),
    /// so a redelivered message that decides "queued" or "already issued" again cannot hide a tranche this run issued.
    /// </summary>
    public static IssueRun Record(IssueRun run, RegionRun outcome)
    {
        var index = run.Regions.ToList().FindIndex(r => r.RegionId == outcome.RegionId);
        if (index < 0) throw new InvalidOperationException($"Run {run.RunId} has no region {outcome.RegionId}.");
        if (outcome.Outcome < run.Regions[index].Outcome) return run;
        return run with { Regions = [.. run.Regions.Take(index), outcome, .. run.Regions.Skip(index + 1)] };
    }

    private static RegionDecision Blocked(string regionId, string reason) => new(RegionRun.Blocked(regionId, reason), null);

    private static void EnsureYearInProgramme(Programme programme, int year)
    {
        if (!programme.Years.Contains(year))
            throw new DomainException(DomainError.Invalid("year-not-in-programme", $"Programme {programme.ProgrammeId} has no year {year}."));
    }
}
