using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The statement facts of journal events whose contracts exist today. Tranche receipts, discrepancies, voids and
/// AllocationFrozen map to their facts the same way once Disbursement defines those events: add them here.
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
            EventTypes.TrancheIssued => envelope.DataAs<TrancheIssued>().ToFact(),
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

    public static TrancheIssuedFact ToFact(this TrancheIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new(issued.ProgrammeId, issued.Year, issued.TrancheId, issued.Amount);
    }
}
