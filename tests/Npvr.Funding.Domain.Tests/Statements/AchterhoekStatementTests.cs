using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Domain.Statements;
using static Npvr.Funding.Domain.Tests.Statements.AchterhoekStory;

namespace Npvr.Funding.Domain.Tests.Statements;

public class AchterhoekStatementTests
{
    private static IReadOnlyList<StatementFact> Facts2025() => [.. Events2025().Select(FactOf).OfType<StatementFact>()];

    [Fact]
    public void The_Achterhoek_2025_statement_is_exact_to_the_cent()
    {
        var statement = RegionYearStatement.Rebuild(Programme, RegionId, 2025, 2025, Facts2025()).Single();

        Assert.Equal(
            ("350000.00", "8677.69", "341322.31", "341322.31", "341322.31", 0),
            (statement.Gross.ToString(), statement.BcfDeposit.ToString(), statement.NetAllocated.ToString(), statement.Issued.ToString(),
                statement.Received.ToString(), statement.OpenDiscrepancies));
        Assert.Equal(
            ("119000.00", "8000.00", "677.69", "0.00", "222322.31", false, false, (string?)null),
            (statement.Spent.ToString(), statement.CompensableVatIncurred.ToString(), statement.BcfPosition.ToString(), statement.CarriedOverIn.ToString(),
                statement.Balance.ToString(), statement.NegativeBalance, statement.Closed, statement.SealHash));
    }

    [Fact]
    public void The_2026_statement_carries_over_the_2025_balance()
    {
        var spend2026 = new SpendingRecordedFact(Programme, 2026, Guid.NewGuid(), Money.Parse("300000.00"), Money.Zero);

        var statements = RegionYearStatement.Rebuild(Programme, RegionId, 2025, 2026, [.. Facts2025(), spend2026]);

        Assert.Equal(statements[0].Balance, statements[1].CarriedOverIn);
        Assert.Equal("222322.31", statements[1].CarriedOverIn.ToString());
        Assert.Equal("-77677.69", statements[1].Balance.ToString());
        Assert.True(statements[1].NegativeBalance);
    }

    [Fact]
    public void Every_figure_is_reproducible_from_the_hash_chained_journal_alone()
    {
        var events = Events2025();
        var projected = events.Select(FactOf).OfType<StatementFact>().Aggregate(RegionYearLedger.Empty(Programme, 2025, RegionId), (l, f) => l.Apply(f));

        var head = JournalV2.Genesis(RegionId);
        var journal = new List<JournalEntry>();
        foreach (var envelope in events)
        {
            var entry = JournalV2.Append(RegionId, head, Npvr.Funding.Contracts.FundingJson.Serialize(envelope));
            journal.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        var fromJournal = journal.Select(j => j.EnvelopeJson().ToObject<Npvr.Funding.Contracts.EventEnvelope>(Npvr.Funding.Contracts.FundingJson.Serializer)!)
            .Select(FactOf).OfType<StatementFact>();

        Assert.Equal(RegionYearStatement.Of(projected, Money.Zero), RegionYearStatement.Rebuild(Programme, RegionId, 2025, 2025, fromJournal).Single());
    }

    [Fact]
    public void The_open_items_of_2025_are_empty_once_the_tranche_is_received()
    {
        var facts = Facts2025();
        var beforeReceipt = facts.Where(f => f is not TrancheReceivedFact).Aggregate(RegionYearLedger.Empty(Programme, 2025, RegionId), (l, f) => l.Apply(f));
        var after = facts.Aggregate(RegionYearLedger.Empty(Programme, 2025, RegionId), (l, f) => l.Apply(f));

        Assert.Equal([new OpenItem(RegionId, TrancheId, OpenItemKind.UnconfirmedTranche)], beforeReceipt.OpenItems);
        Assert.Empty(after.OpenItems);
    }
}
