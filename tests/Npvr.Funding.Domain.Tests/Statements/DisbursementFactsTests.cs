using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Domain.Statements;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Statements;

/// <summary>Disbursement's events, made by the real deciders and read back from their journal envelopes, as statement facts.</summary>
public class DisbursementFactsTests
{
    private const string Region = "achterhoek";

    [Fact]
    public void A_short_receipt_supplemented_and_received_counts_what_arrived_and_leaves_no_open_discrepancy()
    {
        var issued = IssueAchterhoek();
        var shortReceipt = Tranches.ConfirmReceipt(issued.Tranche, Receipt("341000.00"), Acting("GM0222"), Today, false);
        var resolution = Tranches.ResolveDiscrepancy(issued.Next.With(shortReceipt), shortReceipt.TrancheId,
            new ResolutionInput("Bank fee withheld", ResolutionAction.Supplement), "finance-1", false, IssuedAt);
        var supplementReceived = Tranches.ConfirmReceipt(resolution.Supplementary!, Receipt("322.31"), Acting("GM0222"), Today, false);
        var beforeResolution = Facts(Frozen(), DisbursementEvents.Of(issued), DisbursementEvents.OfReceipt(shortReceipt));

        var facts = Facts(Frozen(), DisbursementEvents.Of(issued), DisbursementEvents.OfReceipt(shortReceipt), DisbursementEvents.Of(resolution),
            DisbursementEvents.OfReceipt(supplementReceived));

        Assert.Equal(new TrancheDiscrepancyRaisedFact(ProgrammeId, Year, issued.Tranche.TrancheId, Money.Parse("341000.00")), beforeResolution[^1]);
        Assert.Equal((1, "341000.00"), (Statement(beforeResolution).OpenDiscrepancies, Statement(beforeResolution).Received.ToString()));
        Assert.Contains(new TrancheDiscrepancyResolvedFact(ProgrammeId, Year, issued.Tranche.TrancheId, Money.Zero, resolution.Supplementary!.TrancheId), facts);
        Assert.Contains(new TrancheReceivedFact(ProgrammeId, Year, resolution.Supplementary!.TrancheId, Money.Parse("322.31")), facts);
        var statement = Statement(facts);
        Assert.Equal((0, "341322.31", "341644.62"), (statement.OpenDiscrepancies, statement.Received.ToString(), statement.Issued.ToString()));
    }

    [Fact]
    public void An_overpayment_recovered_takes_the_recovery_off_what_was_received()
    {
        var issued = IssueAchterhoek();
        var over = Tranches.ConfirmReceipt(issued.Tranche, Receipt("341400.00"), Acting("GM0222"), Today, false);
        var resolution = Tranches.ResolveDiscrepancy(issued.Next.With(over), over.TrancheId,
            new ResolutionInput("Paid twice the fee", ResolutionAction.Recovery), "finance-1", false, IssuedAt);

        var facts = Facts(Frozen(), DisbursementEvents.Of(issued), DisbursementEvents.OfReceipt(over), DisbursementEvents.Of(resolution));

        Assert.Equal(new TrancheDiscrepancyResolvedFact(ProgrammeId, Year, issued.Tranche.TrancheId, Money.Parse("77.69")), facts[^1]);
        Assert.Equal((0, "341322.31"), (Statement(facts).OpenDiscrepancies, Statement(facts).Received.ToString()));
    }

    [Fact]
    public void A_voided_tranche_no_longer_counts_as_issued_and_the_frozen_allocation_gives_the_net_allocated()
    {
        var issued = IssueAchterhoek();
        var voided = Tranches.Void(issued.Tranche, "Wrong account", "finance-1", false, IssuedAt);

        var facts = Facts(Frozen(), DisbursementEvents.Of(issued), DisbursementEvents.OfVoid(voided));

        Assert.Equal(new AllocationFact(ProgrammeId, Year, 1, Gross, Money.Parse("8677.69"), Money.Parse("341322.31"), Frozen: true), facts[0]);
        Assert.Equal(new TrancheVoidedFact(ProgrammeId, Year, issued.Tranche.TrancheId), facts[^1]);
        Assert.Equal(("0.00", "341322.31", "8677.69"), (Statement(facts).Issued.ToString(), Statement(facts).NetAllocated.ToString(), Statement(facts).BcfDeposit.ToString()));
    }

    private static OutgoingEvent[] Frozen() =>
    [
        new(EventTypes.AllocationFrozen, new AllocationFrozen(ProgrammeId, Year, Region, 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"),
            "npvr-procesmiddelen.2025.achterhoek.1", "run-1")),
    ];

    /// <summary>Each event through its journal envelope (serialised and read back, as the journal stores it), then its fact.</summary>
    private static List<StatementFact> Facts(params IReadOnlyList<OutgoingEvent>[] events) =>
    [
        .. events.SelectMany(e => e)
            .Select(e => FundingJson.Deserialize<EventEnvelope>(FundingJson.Serialize(EventEnvelope.Create(e.Type, e.Data, IssuedAt, Region, ProgrammeId, "c", null, Actor.System))))
            .Select(envelope => StatementFactsFromEvents.Of(envelope) ?? throw new InvalidOperationException($"{envelope.Type} carries no fact.")),
    ];

    private static RegionYearStatement Statement(IEnumerable<StatementFact> facts) =>
        RegionYearStatement.Of(facts.Aggregate(RegionYearLedger.Empty(ProgrammeId, Year, Region), (l, f) => l.Apply(f)), Money.Zero);
}
