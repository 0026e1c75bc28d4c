using System.Net;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Hosting;
using Npvr.Funding.Spending;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 9: a spending write racing the year close lands inside the seal or is refused, never after it. Each test forces
/// one interleaving with the Spending app's interleaving points (<see cref="Interleavings"/>) instead of hoping timing
/// finds it: the write or the close is held at a named point while the other runs.
/// </summary>
public sealed class YearCloseInterleavingTests
{
    private const string Programme = NpvrProgramme.ProgrammeId;
    private static readonly string ClosePath = $"{NpvrProgramme.Programme}/years/2025/close";

    /// <summary>Bounds every wait for a held point: far above the seconds a close takes on a loaded machine.</summary>
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_write_that_read_the_year_open_before_the_close_began_is_refused_once_the_seal_is_made()
    {
        await using var system = await ReadyAsync([]);
        var points = system.Host.InterleavingsOf("Npvr.Funding.Spending");
        var held = points.HoldNext(RecordSpendingEntry.YearMarkRead);
        var write = PostEntryAsync(system, "250.00");
        await held.Arrived.WaitAsync(HoldTimeout);

        var closed = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        held.Release();
        var answer = await write.WaitAsync(HoldTimeout);

        AssertRefusedAsClosed(answer);
        await AssertSealHoldsEveryAcceptedWriteAsync(system, spentCents: 0);
    }

    [Fact]
    public async Task A_write_arriving_while_the_close_is_between_its_closing_mark_and_its_seal_is_refused()
    {
        await using var system = await ReadyAsync([]);
        var points = system.Host.InterleavingsOf("Npvr.Funding.Spending");
        var held = points.HoldNext(RegionYearCloser.ClosingMarked);
        var close = system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        await held.Arrived.WaitAsync(HoldTimeout);

        var answer = await PostEntryAsync(system, "250.00").WaitAsync(HoldTimeout);
        held.Release();
        var closed = await close.WaitAsync(HoldTimeout);

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        AssertRefusedAsClosed(answer);
        await AssertSealHoldsEveryAcceptedWriteAsync(system, spentCents: 0);
    }

    [Fact]
    public async Task A_write_that_read_the_year_open_and_commits_after_the_seal_was_computed_is_refused()
    {
        await using var system = await ReadyAsync([]);
        var points = system.Host.InterleavingsOf("Npvr.Funding.Spending");
        var writeHeld = points.HoldNext(RecordSpendingEntry.YearMarkRead);
        var write = PostEntryAsync(system, "250.00");
        await writeHeld.Arrived.WaitAsync(HoldTimeout);
        var sealHeld = points.HoldNext(RegionYearCloser.SealDecided);
        var close = system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        await sealHeld.Arrived.WaitAsync(HoldTimeout);

        writeHeld.Release(); // its transaction meets the stripe the close marked: it must not land between statement and seal
        var answer = await write.WaitAsync(HoldTimeout);
        sealHeld.Release();
        var closed = await close.WaitAsync(HoldTimeout);

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        AssertRefusedAsClosed(answer);
        await AssertSealHoldsEveryAcceptedWriteAsync(system, spentCents: 0);
    }

    [Fact]
    public async Task A_write_committed_but_not_yet_linked_when_the_close_begins_is_inside_the_seal()
    {
        await using var system = await ReadyAsync([]);
        var points = system.Host.InterleavingsOf("Npvr.Funding.Spending");
        var held = points.HoldNext(RecordSpendingEntry.Committed);
        var write = PostEntryAsync(system, "250.00");
        await held.Arrived.WaitAsync(HoldTimeout);

        var closed = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        held.Release();
        var answer = await write.WaitAsync(HoldTimeout);

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        await AssertSealHoldsEveryAcceptedWriteAsync(system, spentCents: 25_000);
    }

    private static Task<ApiResponse> PostEntryAsync(TestSystem system, string amount) =>
        system.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), Entry(Programme, "2025-07-01", amount, "0.00", "0.00", "other").ToString());

    private static void AssertRefusedAsClosed(ApiResponse answer) =>
        Assert.True(answer.Status == HttpStatusCode.Conflict && (string?)answer.Json["type"] == "year-closed", answer.ToString());

    /// <summary>The journal alone: the year is sealed once, nothing of 2025 follows the seal, and the seal's statement spent what was accepted.</summary>
    private static async Task AssertSealHoldsEveryAcceptedWriteAsync(TestSystem system, long spentCents)
    {
        await system.IdleAsync();
        var journal = await WholeJournalAsync(system, "achterhoek");
        var ledger = journal.Select(e => StatementFactsFromEvents.Of(FundingJson.Deserialize<EventEnvelope>(e["entry"]!.ToString())))
            .OfType<StatementFact>().Where(f => f.ProgrammeId == Programme && f.Year == 2025)
            .Aggregate(RegionYearLedger.Empty(Programme, 2025, "achterhoek"), (l, f) => l.Apply(f));
        Assert.True(ledger.Closed);
        Assert.Equal(0, ledger.FactsAfterClose);
        var sealedEntry = Assert.Single(journal, e => (string?)e["entry"]!["type"] == EventTypes.YearClosed);
        var yearClosed = FundingJson.Deserialize<EventEnvelope>(sealedEntry["entry"]!.ToString()).DataAs<YearClosed>();
        Assert.True(Seal.Verify(yearClosed));
        Assert.Equal(spentCents, yearClosed.Statement.Spent.Cents);
        Assert.Equal(spentCents, journal.Count(e => (string?)e["entry"]!["type"] == EventTypes.SpendingRecorded) * 25_000L);
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }
}
