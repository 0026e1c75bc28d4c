using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Domain.Tests.Statements;

public class RegionYearLedgerTests
{
    private const string P = "npvr-procesmiddelen";
    private static RegionYearLedger Empty => RegionYearLedger.Empty(P, 2025, "twente");
    private static Money M(string text) => Money.Parse(text);

    private static RegionYearLedger Fold(params StatementFact[] facts) => facts.Aggregate(Empty, (l, f) => l.Apply(f));

    [Fact]
    public void The_highest_allocation_version_counts_whatever_order_its_events_arrive_in()
    {
        var v1 = new AllocationFact(P, 2025, 1, M("350000.00"), M("10000.00"), M("340000.00"), false);
        var v2 = new AllocationFact(P, 2025, 2, M("350000.00"), M("8677.69"), M("341322.31"), false);

        Assert.Equal(M("341322.31"), Fold(v1, v2).Allocation!.NetAllocated);
        Assert.Equal(M("341322.31"), Fold(v2, v1).Allocation!.NetAllocated);
        Assert.True(Fold(v2, v2 with { Frozen = true }, v2).Allocation!.Frozen);
    }

    [Fact]
    public void An_allocation_that_does_not_add_up_is_a_broken_journal()
    {
        Assert.Throws<InvalidOperationException>(() => Fold(new AllocationFact(P, 2025, 1, M("350000.00"), M("8677.69"), M("341322.30"), false)));
        Assert.Throws<InvalidOperationException>(() => Fold(
            new AllocationFact(P, 2025, 1, M("350000.00"), M("0.00"), M("350000.00"), false),
            new AllocationFact(P, 2025, 1, M("350000.00"), M("1.00"), M("349999.00"), true)));
    }

    [Fact]
    public void A_voided_tranche_is_not_issued_and_a_void_after_receipt_is_a_broken_journal()
    {
        var issued = new TrancheIssuedFact(P, 2025, "t1", M("100.00"));

        var ledger = Fold(issued, new TrancheVoidedFact(P, 2025, "t1"), new TrancheIssuedFact(P, 2025, "t2", M("90.00")));

        Assert.Equal(M("90.00"), RegionYearStatement.Of(ledger, Money.Zero).Issued);
        Assert.Throws<InvalidOperationException>(() => Fold(issued, new TrancheReceivedFact(P, 2025, "t1", M("100.00")), new TrancheVoidedFact(P, 2025, "t1")));
    }

    [Fact]
    public void A_tranche_is_received_at_most_once_and_a_replayed_receipt_changes_nothing()
    {
        var issued = new TrancheIssuedFact(P, 2025, "t1", M("100.00"));
        var received = new TrancheReceivedFact(P, 2025, "t1", M("100.00"));

        Assert.Equal(M("100.00"), RegionYearStatement.Of(Fold(issued, received, received), Money.Zero).Received);
        Assert.Throws<InvalidOperationException>(() => Fold(issued, received, new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("90.00"))));
    }

    [Fact]
    public void A_discrepancy_counts_what_was_received_is_open_until_resolved_and_a_recovery_is_taken_off()
    {
        var ledger = Fold(new TrancheIssuedFact(P, 2025, "t1", M("100.00")), new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("120.00")));
        var open = RegionYearStatement.Of(ledger, Money.Zero);
        var resolved = RegionYearStatement.Of(ledger.Apply(new TrancheDiscrepancyResolvedFact(P, 2025, "t1", M("20.00"))), Money.Zero);

        Assert.Equal((M("120.00"), 1), (open.Received, open.OpenDiscrepancies));
        Assert.Equal([new OpenItem("twente", "t1", OpenItemKind.OpenDiscrepancy)], ledger.OpenItems);
        Assert.Equal((M("100.00"), 0), (resolved.Received, resolved.OpenDiscrepancies));
    }

    [Fact]
    public void A_resolution_journaled_before_its_discrepancy_gives_the_statement_of_the_order_they_were_made_in()
    {
        var issued = new TrancheIssuedFact(P, 2025, "t1", M("100.00"));
        var raised = new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("120.00"));
        var resolved = new TrancheDiscrepancyResolvedFact(P, 2025, "t1", M("20.00"));
        var inOrder = Fold(issued, raised, resolved);

        foreach (var order in new[] { new StatementFact[] { resolved, issued, raised }, [issued, resolved, raised], [resolved, raised, issued], [resolved, resolved, issued, raised, raised] })
        {
            var ledger = Fold(order);
            Assert.Equal(RegionYearStatement.Of(inOrder, Money.Zero), RegionYearStatement.Of(ledger, Money.Zero));
            Assert.Empty(ledger.OpenItems);
        }
        Assert.Equal(M("0.00"), RegionYearStatement.Of(Fold(issued, resolved), Money.Zero).Received);
        Assert.Equal([new OpenItem("twente", "t1", OpenItemKind.UnconfirmedTranche)], Fold(issued, resolved).OpenItems);
    }

    [Fact]
    public void A_resolution_journaled_first_that_its_receipt_contradicts_is_a_broken_journal()
    {
        var resolved = new TrancheDiscrepancyResolvedFact(P, 2025, "t1", M("20.00"));

        Assert.Throws<InvalidOperationException>(() => Fold(resolved, new TrancheReceivedFact(P, 2025, "t1", M("100.00"))));
        Assert.Throws<InvalidOperationException>(() => Fold(resolved, new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("10.00"))));
        Assert.Throws<InvalidOperationException>(() => Fold(new TrancheDiscrepancyResolvedFact(P, 2025, "t1", M("-1.00"))));
    }

    [Fact]
    public void An_admitted_tranche_is_in_flight_until_issued_or_every_run_that_asked_gave_up()
    {
        var admitted = new TrancheAdmittedFact(P, 2025, "t1", "run-1");
        var issued = new TrancheIssuedFact(P, 2025, "t1", M("100.00"));
        var inFlight = new OpenItem("twente", "t1", OpenItemKind.TrancheInFlight);

        Assert.Equal([inFlight], Fold(admitted).OpenItems);
        Assert.Equal([new OpenItem("twente", "t1", OpenItemKind.UnconfirmedTranche)], Fold(admitted, issued).OpenItems);
        Assert.Equal([new OpenItem("twente", "t1", OpenItemKind.UnconfirmedTranche)], Fold(issued, admitted).OpenItems);
        Assert.Empty(Fold(admitted, new TrancheAbandonedFact(P, 2025, "t1", "run-1")).OpenItems);
        // A second run admitted for the same tranche keeps it in flight when the first run's freeze is refused.
        Assert.Equal([inFlight], Fold(admitted, admitted with { RunId = "run-2" }, new TrancheAbandonedFact(P, 2025, "t1", "run-1")).OpenItems);
        Assert.Equal(RegionYearStatement.Of(Fold(issued), Money.Zero), RegionYearStatement.Of(Fold(admitted, issued), Money.Zero));
        Assert.Empty(Fold(new TrancheAbandonedFact(P, 2025, "t9", "run-1")).Tranches);
    }

    [Fact]
    public void A_supplement_announced_by_a_resolution_is_in_flight_until_its_own_tranche_is_journaled()
    {
        var shortfall = Fold(new TrancheIssuedFact(P, 2025, "t1", M("100.00")), new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("80.00")));
        var resolved = shortfall.Apply(new TrancheDiscrepancyResolvedFact(P, 2025, "t1", M("0.00"), "t2"));

        Assert.Equal([new OpenItem("twente", "t2", OpenItemKind.TrancheInFlight)], resolved.OpenItems);
        Assert.Equal([new OpenItem("twente", "t2", OpenItemKind.UnconfirmedTranche)], resolved.Apply(new TrancheIssuedFact(P, 2025, "t2", M("20.00"))).OpenItems);
    }

    [Fact]
    public void A_shortfall_is_resolved_by_a_supplementary_tranche_that_is_received_in_turn()
    {
        var ledger = Fold(
            new TrancheIssuedFact(P, 2025, "t1", M("100.00")),
            new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("80.00")),
            new TrancheDiscrepancyResolvedFact(P, 2025, "t1", Money.Zero),
            new TrancheIssuedFact(P, 2025, "t2", M("20.00")));

        Assert.Equal([new OpenItem("twente", "t2", OpenItemKind.UnconfirmedTranche)], ledger.OpenItems);
        var statement = RegionYearStatement.Of(ledger.Apply(new TrancheReceivedFact(P, 2025, "t2", M("20.00"))), Money.Zero);
        Assert.Equal((M("120.00"), M("100.00")), (statement.Issued, statement.Received));
    }

    [Fact]
    public void A_fact_of_another_programme_year_is_a_programming_error() =>
        Assert.Throws<InvalidOperationException>(() => Empty.Apply(new SpendingRecordedFact(P, 2026, Guid.NewGuid(), M("1.00"), Money.Zero)));

    [Fact]
    public void Spending_with_the_wrong_sign_is_a_broken_journal()
    {
        Assert.Throws<InvalidOperationException>(() => Empty.Apply(new SpendingRecordedFact(P, 2025, Guid.NewGuid(), M("-1.00"), Money.Zero)));
        Assert.Throws<InvalidOperationException>(() => Empty.Apply(new SpendingReversedFact(P, 2025, Guid.NewGuid(), Guid.NewGuid(), M("1.00"), Money.Zero)));
    }

    [Fact]
    public void The_close_seals_the_statement_and_any_later_fact_is_counted()
    {
        var closed = Fold(new SpendingRecordedFact(P, 2025, Guid.NewGuid(), M("10.00"), Money.Zero), new YearClosedFact(P, 2025, new string('a', 64)));

        var statement = RegionYearStatement.Of(closed, Money.Zero);
        Assert.Equal((true, new string('a', 64), 0L), (statement.Closed, statement.SealHash, closed.FactsAfterClose));
        Assert.Equal(1, closed.Apply(new SpendingRecordedFact(P, 2025, Guid.NewGuid(), M("1.00"), Money.Zero)).FactsAfterClose);
    }

    [Fact]
    public void A_rebuild_refuses_a_fact_before_the_first_year_and_leaves_out_other_programmes_and_later_years()
    {
        StatementFact[] facts =
        [
            new SpendingRecordedFact("other", 2025, Guid.NewGuid(), M("5.00"), Money.Zero),
            new SpendingRecordedFact(P, 2027, Guid.NewGuid(), M("7.00"), Money.Zero),
            new SpendingRecordedFact(P, 2025, Guid.NewGuid(), M("3.00"), Money.Zero),
        ];

        Assert.Equal(M("3.00"), RegionYearStatement.Rebuild(P, "twente", 2025, 2026, facts)[0].Spent);
        Assert.Throws<InvalidOperationException>(() => RegionYearStatement.Rebuild(P, "twente", 2026, 2026, facts));
    }

    [Fact]
    public void A_ledger_survives_a_round_trip_through_the_shared_json_settings_for_storage_as_a_projection()
    {
        var ledger = Fold(
            new AllocationFact(P, 2025, 1, M("350000.00"), M("8677.69"), M("341322.31"), true),
            new TrancheIssuedFact(P, 2025, "t1", M("341322.31")),
            new TrancheDiscrepancyRaisedFact(P, 2025, "t1", M("341000.00")),
            new SpendingRecordedFact(P, 2025, Guid.NewGuid(), M("10.00"), M("1.00")));

        var read = Npvr.Funding.Contracts.FundingJson.Deserialize<RegionYearLedger>(Npvr.Funding.Contracts.FundingJson.Serialize(ledger));

        Assert.Equal(RegionYearStatement.Of(ledger, M("5.00")), RegionYearStatement.Of(read, M("5.00")));
        Assert.Equal(ledger.Tranches, read.Tranches);
        Assert.Equal(ledger with { Tranches = read.Tranches }, read);
    }

    [Fact]
    public void A_chain_needs_consecutive_years_of_one_region() =>
        Assert.Throws<ArgumentException>(() => RegionYearStatement.Chain([Empty, RegionYearLedger.Empty(P, 2027, "twente")]));
}
