namespace Npvr.Funding.Domain.Statements;

/// <summary>
/// One fact a region-year statement is built from, as Spending projects it from an event of the region's journal.
/// Facts are applied in journal order, each exactly once (the inbox de-duplicates events); every fact names the
/// programme and the year it counts in (for spending: the year of bookedOn). Amounts are as the event carries them.
/// </summary>
public abstract record StatementFact(string ProgrammeId, int Year);

/// <summary>
/// AllocationDetermined (Frozen = false) or AllocationFrozen (Frozen = true): the allocation at a version.
/// The highest version counts; at the same version the frozen one (whose figures must be the same).
/// </summary>
public sealed record AllocationFact(string ProgrammeId, int Year, int Version, Money Gross, Money BcfDeposit, Money NetAllocated, bool Frozen)
    : StatementFact(ProgrammeId, Year);

/// <summary>TrancheIssued, also a supplementary tranche that resolves a shortfall.</summary>
public sealed record TrancheIssuedFact(string ProgrammeId, int Year, string TrancheId, Money Amount) : StatementFact(ProgrammeId, Year);

/// <summary>TrancheReceived: the kassier confirmed the issued amount.</summary>
public sealed record TrancheReceivedFact(string ProgrammeId, int Year, string TrancheId, Money Amount) : StatementFact(ProgrammeId, Year);

/// <summary>TrancheDiscrepancyRaised: the kassier confirmed a different amount; that amount was received and the discrepancy is open.</summary>
public sealed record TrancheDiscrepancyRaisedFact(string ProgrammeId, int Year, string TrancheId, Money ReceivedAmount) : StatementFact(ProgrammeId, Year);

/// <summary>
/// TrancheDiscrepancyResolved. A shortfall is resolved by a supplementary tranche (its own TrancheIssuedFact;
/// RecoveredAmount zero); an overpayment by a recorded recovery, which RecoveredAmount takes off what was received.
/// </summary>
/// <see cref="SupplementaryTrancheId"/> names the supplement, in flight until its TrancheIssued is journaled.
public sealed record TrancheDiscrepancyResolvedFact(string ProgrammeId, int Year, string TrancheId, Money RecoveredAmount, string? SupplementaryTrancheId = null)
    : StatementFact(ProgrammeId, Year);

/// <summary>
/// TrancheAdmitted: Spending let run <see cref="RunId"/> go on to issue the tranche (the year was open). Until the
/// tranche's TrancheIssued (or the run's AllocationFreezeRefused) is journaled, the tranche is in flight: an open item.
/// </summary>
public sealed record TrancheAdmittedFact(string ProgrammeId, int Year, string TrancheId, string RunId) : StatementFact(ProgrammeId, Year);

/// <summary>AllocationFreezeRefused: run <see cref="RunId"/> will not issue the tranche it was admitted for.</summary>
public sealed record TrancheAbandonedFact(string ProgrammeId, int Year, string TrancheId, string RunId) : StatementFact(ProgrammeId, Year);

/// <summary>TrancheVoided: a tranche voided while issued no longer counts as issued.</summary>
public sealed record TrancheVoidedFact(string ProgrammeId, int Year, string TrancheId) : StatementFact(ProgrammeId, Year);

/// <summary>SpendingRecorded: amount (incl. VAT) and the compensable VAT of a new entry, both positive.</summary>
public sealed record SpendingRecordedFact(string ProgrammeId, int Year, Guid EntryId, Money Amount, Money CompensableVat) : StatementFact(ProgrammeId, Year);

/// <summary>SpendingReversed: the negated amount and compensable VAT of the entry it reverses.</summary>
public sealed record SpendingReversedFact(string ProgrammeId, int Year, Guid EntryId, Guid ReversesEntryId, Money Amount, Money CompensableVat)
    : StatementFact(ProgrammeId, Year);

/// <summary>YearClosed for this region: the year is sealed with <see cref="SealHash"/>.</summary>
public sealed record YearClosedFact(string ProgrammeId, int Year, string SealHash) : StatementFact(ProgrammeId, Year);
