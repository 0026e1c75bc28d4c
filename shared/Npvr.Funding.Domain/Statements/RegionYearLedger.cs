namespace Npvr.Funding.Domain.Statements;

/// <summary>The allocation a statement counts: gross = net allocated + BCF deposit, at a version.</summary>
public sealed record AllocationFigures(int Version, Money Gross, Money BcfDeposit, Money NetAllocated, bool Frozen);

/// <summary>
/// The fold state of one region's programme-year: what Spending projects from events, and what a rebuild from the
/// journal alone reproduces. Apply facts in journal order with <see cref="Apply"/>; read figures with
/// <see cref="RegionYearStatement.Of"/> (the carry-over in comes from the previous year's balance).
/// </summary>
public sealed record RegionYearLedger(
    string ProgrammeId,
    int Year,
    string RegionId,
    AllocationFigures? Allocation,
    IReadOnlyList<TrancheLine> Tranches,
    Money Spent,
    Money CompensableVatIncurred,
    long SpendingEntries,
    bool Closed,
    string? SealHash,
    long FactsAfterClose)
{
    public static RegionYearLedger Empty(string programmeId, int year, string regionId) =>
        new(programmeId, year, regionId, null, [], Money.Zero, Money.Zero, 0, false, null, 0);

    /// <summary>The open items of this region-year: unconfirmed tranches and open discrepancies, by tranche id.</summary>
    public IReadOnlyList<OpenItem> OpenItems =>
    [
        .. Tranches.Where(t => t.Unconfirmed).Select(t => new OpenItem(RegionId, t.TrancheId, OpenItemKind.UnconfirmedTranche)),
        .. Tranches.Where(t => t.DiscrepancyOpen).Select(t => new OpenItem(RegionId, t.TrancheId, OpenItemKind.OpenDiscrepancy)),
        .. Tranches.Where(t => t.InFlight).Select(t => new OpenItem(RegionId, t.TrancheId, OpenItemKind.TrancheInFlight)),
    ];

    /// <summary>
    /// The state after one more fact. A fact after the close still applies (the journal is the truth) and is counted in
    /// <see cref="FactsAfterClose"/>, which no accepted write may ever raise: a test asserts it stays zero.
    /// Broken facts (another programme-year, a tranche received twice with other amounts) are programming errors.
    /// </summary>
    public RegionYearLedger Apply(StatementFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact.ProgrammeId != ProgrammeId || fact.Year != Year)
            throw new InvalidOperationException($"A fact of {fact.ProgrammeId} {fact.Year} was applied to the statement of {ProgrammeId} {Year}.");
        var next = fact switch
        {
            AllocationFact allocation => this with { Allocation = Allocate(Allocation, allocation) },
            TrancheIssuedFact issued => WithTranche(issued.TrancheId, t => t.Issued is { } known && known != issued.Amount
                ? throw Broken($"tranche {t.TrancheId} issued as {known} and as {issued.Amount}")
                : t with { Issued = issued.Amount, AwaitedBy = [] }),
            TrancheAdmittedFact admitted => WithTranche(admitted.TrancheId, t => t.Awaited(admitted.RunId)),
            TrancheAbandonedFact abandoned => Tranches.Any(t => t.TrancheId == abandoned.TrancheId) ? WithTranche(abandoned.TrancheId, t => t.NotAwaited(abandoned.RunId)) : this,
            TrancheReceivedFact received => WithTranche(received.TrancheId, t => Receive(t, received.Amount, discrepancy: false)),
            TrancheDiscrepancyRaisedFact raised => WithTranche(raised.TrancheId, t => Receive(t, raised.ReceivedAmount, discrepancy: true)),
            TrancheDiscrepancyResolvedFact resolved => Supplement(WithTranche(resolved.TrancheId, t => Resolve(t, resolved.RecoveredAmount)), resolved),
            TrancheVoidedFact voided => WithTranche(voided.TrancheId, t => t.Received is null
                ? t with { Voided = true, AwaitedBy = [] }
                : throw Broken($"tranche {t.TrancheId} voided after its receipt")),
            SpendingRecordedFact recorded => Spend(recorded.Amount, recorded.CompensableVat, reversal: false),
            SpendingReversedFact reversed => Spend(reversed.Amount, reversed.CompensableVat, reversal: true),
            YearClosedFact closed => this with { Closed = true, SealHash = closed.SealHash },
            _ => throw new ArgumentException($"Unknown statement fact {fact.GetType().Name}.", nameof(fact)),
        };
        return Closed && fact is not YearClosedFact ? next with { FactsAfterClose = next.FactsAfterClose + 1 } : next;
    }

    private static AllocationFigures Allocate(AllocationFigures? current, AllocationFact fact)
    {
        // Conservation, on three figures the event carries separately: every euro of the gross is accounted for.
        if (fact.NetAllocated + fact.BcfDeposit != fact.Gross || fact.NetAllocated.IsNegative || fact.BcfDeposit.IsNegative)
            throw Broken($"allocation version {fact.Version}: {fact.NetAllocated} + {fact.BcfDeposit} != {fact.Gross}");
        var next = new AllocationFigures(fact.Version, fact.Gross, fact.BcfDeposit, fact.NetAllocated, fact.Frozen);
        if (current is null || fact.Version > current.Version) return next;
        if (fact.Version < current.Version) return current;
        if (current with { Frozen = false } != next with { Frozen = false })
            throw Broken($"allocation version {fact.Version} announced with two sets of figures");
        return current.Frozen ? current : next;
    }

    private RegionYearLedger WithTranche(string trancheId, Func<TrancheLine, TrancheLine> change)
    {
        var lines = Tranches.ToList();
        var index = lines.FindIndex(t => t.TrancheId == trancheId);
        if (index < 0) lines.Add(change(TrancheLine.Unknown(trancheId)));
        else lines[index] = change(lines[index]);
        return this with { Tranches = lines };
    }

    /// <summary>A supplement announced by a resolution is in flight until its own TrancheIssued is journaled.</summary>
    private static RegionYearLedger Supplement(RegionYearLedger ledger, TrancheDiscrepancyResolvedFact resolved) =>
        resolved.SupplementaryTrancheId is { Length: > 0 } supplement
            ? ledger.WithTranche(supplement, t => t.Awaited(resolved.TrancheId))
            : ledger;

    private static TrancheLine Receive(TrancheLine tranche, Money amount, bool discrepancy)
    {
        if (amount.IsNegative) throw Broken($"tranche {tranche.TrancheId} received a negative amount {amount}");
        // A tranche is received at most once; the same fact again (a replayed event) changes nothing.
        if (tranche.Received is { } known)
            return known == amount && tranche.ReceivedWithDiscrepancy == discrepancy ? tranche : throw Broken($"tranche {tranche.TrancheId} received twice");
        // Disbursement publishes a tranche's facts through its outbox, which may send a later fact first (a send refused
        // for a while, then swept): a resolution journaled before the discrepancy it resolves is checked here.
        if (tranche.DiscrepancyResolved && (!discrepancy || tranche.Recovered > amount))
            throw Broken($"tranche {tranche.TrancheId} resolved recovering {tranche.Recovered}, received {amount} {(discrepancy ? "with" : "without")} a discrepancy");
        return tranche with { Received = amount, DiscrepancyOpen = discrepancy && !tranche.DiscrepancyResolved };
    }

    private static TrancheLine Resolve(TrancheLine tranche, Money recovered)
    {
        if (tranche.DiscrepancyResolved) return tranche;
        if (recovered.IsNegative) throw Broken($"tranche {tranche.TrancheId} resolved recovering {recovered}");
        // Resolved before its discrepancy was journaled (see Receive): kept, and checked when the discrepancy arrives.
        if (tranche.Received is null) return tranche with { DiscrepancyResolved = true, Recovered = recovered };
        if (!tranche.DiscrepancyOpen || recovered > tranche.Received.Value)
            throw Broken($"tranche {tranche.TrancheId} resolved without an open discrepancy, or recovering {recovered}");
        return tranche with { DiscrepancyOpen = false, DiscrepancyResolved = true, Recovered = recovered };
    }

    private RegionYearLedger Spend(Money amount, Money compensableVat, bool reversal)
    {
        var sign = reversal ? -1 : 1;
        if (sign * amount.Cents <= 0 || sign * compensableVat.Cents < 0)
            throw Broken($"a spending {(reversal ? "reversal" : "entry")} of {amount} with compensable VAT {compensableVat}");
        return this with
        {
            Spent = Spent + amount,
            CompensableVatIncurred = CompensableVatIncurred + compensableVat,
            SpendingEntries = SpendingEntries + 1,
        };
    }

    private static InvalidOperationException Broken(string what) =>
        new($"A statement fact is inconsistent with the journal so far: {what}.");
}
