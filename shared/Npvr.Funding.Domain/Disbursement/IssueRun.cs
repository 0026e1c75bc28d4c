namespace Npvr.Funding.Domain.Disbursement;

/// <summary>
/// A region's outcome in an issue run. It only moves forward, in this order: queued, blocked, already-issued,
/// issued (see <see cref="IssueRuns.Record"/>). Wire names via <see cref="TrancheNames.Of(RunOutcome)"/>.
/// </summary>
public enum RunOutcome
{
    Queued,
    Blocked,
    AlreadyIssued,
    Issued,
}

/// <summary>One region's line in a run: a reason when blocked, the tranche when issued or already issued.</summary>
public sealed record RegionRun(string RegionId, RunOutcome Outcome, string? Reason, string? TrancheId)
{
    public static RegionRun Queued(string regionId) => new(regionId, RunOutcome.Queued, null, null);

    public static RegionRun Blocked(string regionId, string reason) => new(regionId, RunOutcome.Blocked, reason, null);

    public static RegionRun AlreadyIssued(string regionId, string trancheId) => new(regionId, RunOutcome.AlreadyIssued, null, trancheId);

    public static RegionRun Issued(string regionId, string trancheId) => new(regionId, RunOutcome.Issued, null, trancheId);
}

/// <summary>Finance's request to issue a programme year, one line per region of the programme.</summary>
public sealed record IssueRun(string RunId, string ProgrammeId, int Year, DateTimeOffset StartedAt, IReadOnlyList<RegionRun> Regions)
{
    /// <summary>The regions to send an IssueTranche message for.</summary>
    public IReadOnlyList<string> QueuedRegionIds => [.. Regions.Where(r => r.Outcome == RunOutcome.Queued).Select(r => r.RegionId)];
}

/// <summary>Reasons a region is blocked in an issue run. Freeze refusals (Allocations.FreezeRefusals) may appear too.</summary>
public static class BlockReasons
{
    public const string AwaitingEstimate = "awaiting-estimate";
    public const string KassierNotDesignated = "kassier-not-designated";
    public const string FundMismatch = "fund-mismatch";
    public const string YearClosed = "year-closed";
    public const string TooManyTranches = "too-many-tranches";

    /// <summary>The whole gross goes to the BCF: a tranche of 0.00 could never be confirmed (a receipt is above zero).</summary>
    public const string NothingToPay = "nothing-to-pay";
}

/// <summary>The latest AllocationDetermined Disbursement has seen for a region-year.</summary>
public sealed record AllocationFacts(int Version, Money Gross, Money NetDu, Money BcfDeposit);

/// <summary>
/// What Disbursement knows about a region-year from its own projections, read before deciding: the latest
/// determined allocation (null: no estimate yet), the kassier in force today (null: none), and its tranches.
/// </summary>
public sealed record RegionYearFacts(string RegionId, AllocationFacts? Allocation, OrganisationCode? Kassier, RegionYearTranches Tranches);

/// <summary>
/// A region that may be paid: ask Allocation to freeze <see cref="AllocationVersion"/> for <see cref="TrancheId"/>
/// (command FreezeAllocation) and keep this record with the run, so the tranche is issued to the kassier and fund
/// decided here even if the kassier changes before Allocation answers.
/// </summary>
public sealed record PendingTranche(
    string RunId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string TrancheId,
    int Sequence,
    int AllocationVersion,
    OrganisationCode Kassier,
    string Fund);

/// <summary>A region's decision in a run: its line, and when it may be paid the freeze to request.</summary>
public sealed record RegionDecision(RegionRun Run, PendingTranche? Pending);
