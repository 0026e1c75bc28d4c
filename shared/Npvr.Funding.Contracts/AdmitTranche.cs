using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Command (queue spending-commands, Disbursement to Spending): may run <paramref name="RunId"/> go on to issue
/// <paramref name="TrancheId"/>? Spending, which seals years, answers on funding-events with TrancheAdmitted (the year is
/// open; the tranche is in flight, an open item that keeps the year from closing, until its TrancheIssued is journaled)
/// or TrancheAdmissionRefused (the year is closed or being closed). Only an admitted tranche is frozen and issued, so a
/// payment can never land in a sealed year, however late the bus delivers.
/// </summary>
public sealed record AdmitTranche(string ProgrammeId, int Year, string RegionId, string TrancheId, string RunId)
{
    public static AdmitTranche For(PendingTranche pending) => new(pending.ProgrammeId, pending.Year, pending.RegionId, pending.TrancheId, pending.RunId);

    /// <summary>Spending's answer: admitted while the region-year is open, refused <c>year-closed</c> once it is closed or closing.</summary>
    public OutgoingEvent Answer(bool yearOpen) => yearOpen
        ? new(EventTypes.TrancheAdmitted, new TrancheAdmitted(ProgrammeId, Year, RegionId, TrancheId, RunId))
        : new(EventTypes.TrancheAdmissionRefused, new TrancheAdmissionRefused(ProgrammeId, Year, RegionId, TrancheId, RunId, BlockReasons.YearClosed));
}

/// <summary>Event (Spending): run <paramref name="RunId"/> may issue <paramref name="TrancheId"/>; Disbursement now asks Allocation to freeze.</summary>
public sealed record TrancheAdmitted(string ProgrammeId, int Year, string RegionId, string TrancheId, string RunId)
{
    /// <summary>The freeze Disbursement requests for the admitted tranche, from what it decided when it asked.</summary>
    public FreezeAllocation Freeze(PendingTranche pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.TrancheId != TrancheId || pending.ProgrammeId != ProgrammeId || pending.Year != Year || pending.RegionId != RegionId)
            throw new InvalidOperationException($"TrancheAdmitted {TrancheId} was matched with the pending tranche {pending.TrancheId}.");
        return FreezeAllocation.For(pending) with { RunId = RunId };
    }
}

/// <summary>Event (Spending): run <paramref name="RunId"/> may not issue <paramref name="TrancheId"/>; the run shows the region blocked with <paramref name="Reason"/>.</summary>
public sealed record TrancheAdmissionRefused(string ProgrammeId, int Year, string RegionId, string TrancheId, string RunId, string Reason)
{
    public RegionRun RunLine() => RegionRun.Blocked(RegionId, Reason);
}
