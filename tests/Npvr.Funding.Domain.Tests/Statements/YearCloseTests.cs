using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Domain.Tests.Statements;

public class YearCloseTests
{
    private const string P = "npvr-procesmiddelen";

    private static RegionYearLedger Ledger(string region, params StatementFact[] facts) =>
        facts.Aggregate(RegionYearLedger.Empty(P, 2025, region), (l, f) => l.Apply(f));

    private static RegionYearStatement Statement(RegionYearLedger ledger) => RegionYearStatement.Of(ledger, Money.Zero);

    private static readonly StatementFact[] Received =
        [new TrancheIssuedFact(P, 2025, "t-a", Money.Parse("10.00")), new TrancheReceivedFact(P, 2025, "t-a", Money.Parse("10.00"))];

    [Fact]
    public void A_close_is_refused_with_every_open_item_listed()
    {
        var twente = Ledger("twente", new TrancheIssuedFact(P, 2025, "t-1", Money.Parse("10.00")));
        var achterhoek = Ledger("achterhoek", new TrancheIssuedFact(P, 2025, "t-2", Money.Parse("10.00")),
            new TrancheDiscrepancyRaisedFact(P, 2025, "t-2", Money.Parse("9.00")));
        var ledgers = new[] { twente, achterhoek, Ledger("zuid-limburg", Received) };

        var decision = YearClose.Decide(P, 2025, [.. ledgers.Select(Statement)], [.. ledgers.SelectMany(l => l.OpenItems)]);

        Assert.True(decision.IsRefused);
        Assert.Equal((ErrorKind.Conflict, "year-has-open-items"), (decision.Refusal!.Kind, decision.Refusal.Type));
        Assert.Equal([new OpenItem("twente", "t-1", OpenItemKind.UnconfirmedTranche), new OpenItem("achterhoek", "t-2", OpenItemKind.OpenDiscrepancy)],
            decision.OpenItems);
        Assert.Contains("t-1", decision.Refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("t-2", decision.Refusal.Detail, StringComparison.Ordinal);
        Assert.Empty(decision.ToSeal);
    }

    [Fact]
    public void Without_open_items_every_region_not_yet_sealed_is_sealed()
    {
        var sealedBefore = Ledger("twente", [.. Received, new YearClosedFact(P, 2025, new string('b', 64))]);
        var statements = new[] { Statement(sealedBefore), Statement(Ledger("achterhoek", Received)), Statement(Ledger("zuid-limburg")) };

        var decision = YearClose.Decide(P, 2025, statements, []);

        Assert.False(decision.IsRefused);
        Assert.Equal(["achterhoek", "zuid-limburg"], decision.ToSeal.Select(s => s.RegionId));
        Assert.Equal(["twente"], decision.AlreadySealed.Select(s => s.RegionId));
        Assert.True(YearClose.Decide(P, 2025, [Statement(sealedBefore)], []).WasAlreadyClosed);
    }

    [Fact]
    public void Statements_that_do_not_belong_to_the_close_are_a_programming_error()
    {
        var statement = Statement(Ledger("twente"));

        Assert.Throws<ArgumentException>(() => YearClose.Decide(P, 2026, [statement], []));
        Assert.Throws<ArgumentException>(() => YearClose.Decide(P, 2025, [statement, statement], []));
        Assert.Throws<ArgumentException>(() => YearClose.Decide(P, 2025, [], []));
        var withDiscrepancy = Statement(Ledger("twente", new TrancheIssuedFact(P, 2025, "t", Money.Parse("1.00")),
            new TrancheDiscrepancyRaisedFact(P, 2025, "t", Money.Zero)));
        Assert.Throws<ArgumentException>(() => YearClose.Decide(P, 2025, [withDiscrepancy], []));
    }

    [Fact]
    public void A_seal_verifies_from_the_journaled_event_and_breaks_when_a_figure_changes()
    {
        var statement = Statement(Ledger("achterhoek", Received));
        var closed = YearClosed.Create(statement, new string('c', 64), new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), "finance@bzk");
        var journaled = EventEnvelope.Create(EventTypes.YearClosed, closed, closed.ClosedAt, "achterhoek", P, "close", null, Actor.Person(Guid.NewGuid(), Guid.NewGuid(), "finance@bzk"));

        var read = FundingJson.Deserialize<EventEnvelope>(FundingJson.Serialize(journaled)).DataAs<YearClosed>();

        Assert.True(Seal.Verify(read));
        Assert.True(read.Statement.Matches(statement));
        Assert.False(Seal.Verify(read with { Statement = read.Statement with { Spent = Money.Parse("0.01") } }));
        Assert.False(Seal.Verify(read with { JournalHeadHash = new string('d', 64) }));
        var sealedLedger = Ledger("achterhoek", [.. Received, read.ToFact()]);
        Assert.Equal(closed.SealHash, Statement(sealedLedger).SealHash);
    }

    [Fact]
    public void The_seal_hash_is_sha256_over_the_head_hash_and_the_canonical_statement_golden_vector()
    {
        var statement = new SealedStatement(P, 2025, "achterhoek", Money.Parse("350000.00"), Money.Parse("8677.69"), Money.Parse("341322.31"),
            Money.Parse("341322.31"), Money.Parse("341322.31"), 0, Money.Parse("119000.00"), Money.Parse("8000.00"), Money.Parse("677.69"),
            Money.Zero, Money.Parse("222322.31"), false);

        var canonical = Seal.CanonicalStatement(statement);

        Assert.Equal(GoldenCanonical, canonical);
        Assert.Equal(GoldenSeal, Seal.Compute(GoldenHead, canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("abc")]
    public void A_head_hash_must_be_64_lower_case_hex_digits(string head) =>
        Assert.Throws<ArgumentException>(() => Seal.Compute(head, "{}"));

    private const string GoldenHead = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string GoldenCanonical =
        "{\"balance\":\"222322.31\",\"bcfDeposit\":\"8677.69\",\"bcfPosition\":\"677.69\",\"carriedOverIn\":\"0.00\",\"compensableVatIncurred\":\"8000.00\","
        + "\"gross\":\"350000.00\",\"issued\":\"341322.31\",\"negativeBalance\":false,\"netAllocated\":\"341322.31\",\"openDiscrepancies\":0,"
        + "\"programmeId\":\"npvr-procesmiddelen\",\"received\":\"341322.31\",\"regionId\":\"achterhoek\",\"spent\":\"119000.00\",\"year\":2025}";

    /// <summary>sha256(GoldenHead + GoldenCanonical), computed outside .NET.</summary>
    private const string GoldenSeal = "25c4edc357d74fb86c701b1fd37e3695b9c09459289026ae7dd647693b1a4786";
}
