using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The statement fact each journal event carries (statements are built from the region's journal alone): the
/// allocation at a version (determined or frozen), tranches admitted (in flight until issued) or given up by their run,
/// issued, received, in discrepancy, resolved and voided, spending recorded and reversed, and the year's seal.
/// </summary>
public static class StatementFactsFromEvents
{
    /// <summary>The fact an event carries, or null for an event no statement counts (designations, programmes, ...).</summary>
    public static StatementFact? Of(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Type switch
        {
            EventTypes.AllocationDetermined => envelope.DataAs<AllocationDetermined>().ToFact(),
            EventTypes.AllocationFrozen => envelope.DataAs<AllocationFrozen>().ToFact(),
            EventTypes.TrancheIssued => envelope.DataAs<TrancheIssued>().ToFact(),
            EventTypes.TrancheReceived => envelope.DataAs<TrancheReceived>().ToFact(),
            EventTypes.TrancheDiscrepancyRaised => envelope.DataAs<TrancheDiscrepancyRaised>().ToFact(),
            EventTypes.TrancheDiscrepancyResolved => envelope.DataAs<TrancheDiscrepancyResolved>().ToFact(),
            EventTypes.TrancheVoided => envelope.DataAs<TrancheVoided>().ToFact(),
            EventTypes.TrancheAdmitted => envelope.DataAs<TrancheAdmitted>().ToFact(),
            EventTypes.AllocationFreezeRefused => envelope.DataAs<AllocationFreezeRefused>().ToFact(),
            EventTypes.SpendingRecorded => envelope.DataAs<SpendingRecorded>().ToFact(),
            EventTypes.SpendingReversed => envelope.DataAs<SpendingReversed>().ToFact(),
            EventTypes.YearClosed => envelope.DataAs<YearClosed>().ToFact(),
            _ => null,
        };
    }

    public static AllocationFact ToFact(this AllocationDetermined determined)
    {
        ArgumentNullException.ThrowIfNull(determined);
        return new(determined.ProgrammeId, determined.Year, determined.Version, determined.Gross, determined.BcfDeposit, determined.NetDu, Frozen: false);
    }

    /// <summary>The version a tranche pays; at the same version it outranks the determined figures (which must be equal).</summary>
    public static AllocationFact ToFact(this AllocationFrozen frozen)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        return new(frozen.ProgrammeId, frozen.Year, frozen.Version, frozen.Gross, frozen.BcfDeposit, frozen.NetDu, Frozen: true);
    }

    public static TrancheIssuedFact ToFact(this TrancheIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new(issued.ProgrammeId, issued.Year, issued.TrancheId, issued.Amount);
    }

    public static TrancheReceivedFact ToFact(this TrancheReceived received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return new(received.ProgrammeId, received.Year, received.TrancheId, received.Amount);
    }

    /// <summary>What the kassier confirmed receiving counts as received; the discrepancy stays open until resolved.</summary>
    public static TrancheDiscrepancyRaisedFact ToFact(this TrancheDiscrepancyRaised raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        return new(raised.ProgrammeId, raised.Year, raised.TrancheId, raised.Received);
    }

    /// <summary>
    /// A recovery takes its amount off what was received; a supplement recovers nothing (the supplementary tranche
    /// counts through its own TrancheIssued and receipt).
    /// </summary>
    public static TrancheDiscrepancyResolvedFact ToFact(this TrancheDiscrepancyResolved resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return new(resolved.ProgrammeId, resolved.Year, resolved.TrancheId, resolved.RecoveryAmount ?? Money.Zero, resolved.SupplementaryTrancheId);
    }

    public static TrancheVoidedFact ToFact(this TrancheVoided voided)
    {
        ArgumentNullException.ThrowIfNull(voided);
        return new(voided.ProgrammeId, voided.Year, voided.TrancheId);
    }

    /// <summary>The tranche is in flight for the run until its TrancheIssued is journaled (an open item of the year).</summary>
    public static TrancheAdmittedFact ToFact(this TrancheAdmitted admitted)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        return new(admitted.ProgrammeId, admitted.Year, admitted.TrancheId, admitted.RunId);
    }

    /// <summary>Allocation refused the run's freeze: the run will not issue the tranche it was admitted for.</summary>
    public static TrancheAbandonedFact ToFact(this AllocationFreezeRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new(refused.ProgrammeId, refused.Year, refused.TrancheId, refused.RunId);
    }
}
