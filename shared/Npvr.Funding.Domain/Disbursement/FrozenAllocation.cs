namespace Npvr.Funding.Domain.Disbursement;

/// <summary>
/// Allocation's answer AllocationFrozen, as Disbursement reads it: the version held for <see cref="TrancheId"/> and
/// that version's figures. A regular tranche pays exactly <see cref="NetDu"/>.
/// </summary>
public sealed record FrozenAllocation(
    string ProgrammeId,
    int Year,
    string RegionId,
    int Version,
    Money Gross,
    Money NetDu,
    Money BcfDeposit,
    string TrancheId,
    string RunId);

/// <summary>
/// The region-year after an issue and the tranche it pays. <see cref="Created"/> is false when the tranche already
/// existed (a repeated answer): then nothing is to be written and no event raised, but the run still learns the id.
/// </summary>
public sealed record IssueDecision(RegionYearTranches Next, Tranche Tranche, bool Created)
{
    /// <summary>The run's line: issued when this run created it (or created it earlier), else already issued.</summary>
    public RegionRun RunLine(string runId) => Created || Tranche.RunId == runId
        ? RegionRun.Issued(Tranche.RegionId, Tranche.TrancheId)
        : RegionRun.AlreadyIssued(Tranche.RegionId, Tranche.TrancheId);
}

/// <summary>What AllocationFrozen decides: the issue (null when the tranche cannot be issued any more) and the run's line.</summary>
public sealed record IssueAnswer(IssueDecision? Decision, RegionRun RunLine);

/// <summary>A receipt as received in the body: every field may be missing.</summary>
public sealed record ReceiptInput(DateOnly? ReceivedOn, Money? Amount, string? BankReference);

/// <summary>A discrepancy resolution as received in the body: every field may be missing.</summary>
public sealed record ResolutionInput(string? Reason, ResolutionAction? Action);

/// <summary>
/// The region-year after resolving a discrepancy: the resolved tranche and, for a shortfall, the new supplementary
/// tranche (raise TrancheDiscrepancyResolved, then TrancheIssued for the supplement).
/// </summary>
public sealed record ResolutionDecision(RegionYearTranches Next, Tranche Resolved, Tranche? Supplementary);
