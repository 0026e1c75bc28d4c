using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.StatementTests;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class YearCloseTests
{
    private const string Programme = NpvrProgramme.ProgrammeId;
    private static readonly string ClosePath = $"{NpvrProgramme.Programme}/years/2025/close";

    [Fact]
    public async Task A_year_with_an_unconfirmed_tranche_is_not_closed_and_once_received_it_is_sealed_and_refuses_every_write()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        Assert.True(issued.Status == HttpStatusCode.Accepted, issued.ToString());
        await system.IdleAsync();
        var trancheId = (string)(await TranchesAsync(system, 2025)).Single()["trancheId"]!;
        var spentBefore = Entry(Programme, "2025-05-01", "1000.00", "0.00", "0.00", "other");
        await RecordAsync(system, "achterhoek", spentBefore);

        var refused = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        Assert.True(refused.Status == HttpStatusCode.Conflict, refused.ToString());
        Assert.Equal("year-has-open-items", (string?)refused.Json["type"]);
        var item = Assert.Single(refused.Json["openItems"]!);
        Assert.Equal(("achterhoek", trancheId, "unconfirmed-tranche"), ((string?)item["regionId"], (string?)item["trancheId"], (string?)item["kind"]));

        var receipt = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-0001" });
        Assert.True(receipt.Status == HttpStatusCode.OK, receipt.ToString());
        await system.IdleAsync();
        var closed = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        await system.IdleAsync();

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        Assert.Equal(11, closed.Json["items"]!.Count());
        var sealHash = (string?)closed.Json["items"]!.Single(i => (string?)i["regionId"] == "achterhoek")["sealHash"];
        var journal = await WholeJournalAsync(system, "achterhoek");
        var sealedEntry = Assert.Single(journal, e => (string?)e["entry"]!["type"] == EventTypes.YearClosed);
        var yearClosed = FundingJson.Deserialize<EventEnvelope>(sealedEntry["entry"]!.ToString()).DataAs<YearClosed>();
        Assert.True(Seal.Verify(yearClosed));
        Assert.Equal(sealHash, yearClosed.SealHash);
        Assert.Equal((string?)sealedEntry["previousHash"], yearClosed.JournalHeadHash);
        Assert.Equal(("341322.31", "1000.00"), (yearClosed.Statement.Received.ToString(), yearClosed.Statement.Spent.ToString()));
        var statement = await StatementAsync(system, "achterhoek", 2025, Principals.Auditor);
        Assert.Equal((true, sealHash), ((bool)statement["closed"]!, (string?)statement["sealHash"]));
        var again = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        Assert.Equal(closed.Json["items"]!.ToString(), again.Json["items"]!.ToString());

        var entry = await system.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), Entry(Programme, "2025-12-31").ToString());
        var reversal = await system.Api.PostAsync($"{SpendingPath("achterhoek")}/{spentBefore["entryId"]}/reversal", KassierOf("achterhoek"), new { reason = "Te laat" });
        var nextYear = await system.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), Entry(Programme, "2026-01-02").ToString());
        var lateReceipt = await system.Api.PostAsync($"tranches/{trancheId}/receipt", KassierOf("achterhoek"),
            new { receivedOn = Today(), amount = "341322.31", bankReference = "NL-BZK-2025-LATE" });
        var lateEstimate = await system.Api.PutAsync(NpvrProgramme.Estimate(2025, "twente"), KassierOf("twente"), new { compensableVat = "1000.00" });
        var estimate2026 = await system.Api.PutAsync(NpvrProgramme.Estimate(2026, "achterhoek"), KassierOf("achterhoek"), new { compensableVat = "8677.69" });
        await system.IdleAsync();
        Assert.True(lateReceipt.Status == HttpStatusCode.Conflict && (string?)lateReceipt.Json["type"] == "year-closed", lateReceipt.ToString());
        Assert.True(lateEstimate.Status == HttpStatusCode.Conflict && (string?)lateEstimate.Json["type"] == "year-closed", lateEstimate.ToString());
        Assert.True(estimate2026.Status == HttpStatusCode.OK, estimate2026.ToString());
        Assert.True(entry.Status == HttpStatusCode.Conflict && entry.Body.Contains("year-closed", StringComparison.Ordinal), entry.ToString());
        Assert.True(reversal.Status == HttpStatusCode.Conflict && reversal.Body.Contains("year-closed", StringComparison.Ordinal), reversal.ToString());
        Assert.True(nextYear.Status == HttpStatusCode.Created, nextYear.ToString());
        Assert.Equal(1, (await WholeJournalAsync(system, "achterhoek")).Count(e => (string?)e["entry"]!["type"] == EventTypes.YearClosed));
        await AssertStatementsRebuildFromTheJournalAsync(system, "achterhoek", 2026);
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task Spending_racing_the_close_is_either_inside_the_seal_or_refused_never_accepted_after_it()
    {
        await using var system = await ReadyAsync([]);
        using var closing = new CancellationTokenSource();
        var amount = 0;
        // Writers keep booking 2025 while the close runs and a few rounds after it answered: bounded by both.
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var answers = new List<ApiResponse>();
            var roundsAfterClose = 0;
            for (var round = 0; round < 200 && roundsAfterClose < 3; round++)
            {
                if (closing.IsCancellationRequested) roundsAfterClose++;
                var cents = Interlocked.Increment(ref amount);
                var entry = Entry(Programme, "2025-07-01", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100 + cents}.00"), "0.00", "0.00", "other");
                answers.Add(await system.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString()));
            }
            return answers;
        })).ToList();
        await Task.Delay(200);
        var closed = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        await closing.CancelAsync();
        var answers = (await Task.WhenAll(writers)).SelectMany(a => a).ToList();
        await system.IdleAsync();

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, a.ToString()));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Conflict && a.Body.Contains("year-closed", StringComparison.Ordinal));
        var accepted = answers.Where(a => a.Status == HttpStatusCode.Created).Sum(a => Money.Parse((string)a.Json["amount"]!).Cents);
        var journal = await WholeJournalAsync(system, "achterhoek");
        var ledger = journal.Select(e => StatementFactsFromEvents.Of(FundingJson.Deserialize<EventEnvelope>(e["entry"]!.ToString())))
            .OfType<StatementFact>().Where(f => f.ProgrammeId == Programme && f.Year == 2025)
            .Aggregate(RegionYearLedger.Empty(Programme, 2025, "achterhoek"), (l, f) => l.Apply(f));
        Assert.True(ledger.Closed);
        Assert.Equal(0, ledger.FactsAfterClose);
        var yearClosed = FundingJson.Deserialize<EventEnvelope>(journal.Single(e => (string?)e["entry"]!["type"] == EventTypes.YearClosed)["entry"]!.ToString()).DataAs<YearClosed>();
        Assert.Equal(accepted, yearClosed.Statement.Spent.Cents);
        Assert.True(Seal.Verify(yearClosed));
    }

    [Fact]
    public async Task A_tranche_being_issued_keeps_its_year_open_until_it_is_issued()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        // Spending has admitted the tranche; hold the freeze, so nothing of it is issued or journaled as issued yet.
        system.Host.Broker.Faults.DelayDeliveries("allocation-commands", TimeSpan.FromMinutes(5));
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await WaitUntilAsync(() => system.Host.Broker.ActiveMessageCount("allocation-commands") == 1);

        var refused = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        system.Host.Broker.Faults.Clear("allocation-commands");
        await system.IdleAsync();

        Assert.True(refused.Status == HttpStatusCode.Conflict, refused.ToString());
        var item = Assert.Single(refused.Json["openItems"]!);
        Assert.Equal(("achterhoek", $"{Programme}.2025.achterhoek.1", "tranche-in-flight"), ((string?)item["regionId"], (string?)item["trancheId"], (string?)item["kind"]));
        var run = await system.Api.GetAsync($"tranche-runs/{issued.Json["runId"]}", Principals.Finance);
        Assert.Equal("issued", (string?)run.Json["regions"]!.Single(r => (string?)r["regionId"] == "achterhoek")["outcome"]);
        var statement = await StatementAsync(system, "achterhoek", 2025, Principals.Auditor);
        Assert.Equal(("341322.31", false), ((string?)statement["issued"], (bool)statement["closed"]!));
    }

    [Fact]
    public async Task A_tranche_asked_for_after_the_close_is_blocked_year_closed_and_nothing_is_frozen_or_issued()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        // Disbursement decided to issue before it learnt of the close; hold its question to Spending until the seal.
        system.Host.Broker.Faults.DelayDeliveries("spending-commands", TimeSpan.FromMinutes(5));
        var issued = await system.Api.PostAsync(IssuePath(2025), Principals.Finance, new { });
        await WaitUntilAsync(() => system.Host.Broker.ActiveMessageCount("spending-commands") == 1);

        var closed = await system.Api.PostAsync(ClosePath, Principals.Finance, new { });
        system.Host.Broker.Faults.Clear("spending-commands");
        await system.IdleAsync();

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        var run = await system.Api.GetAsync($"tranche-runs/{issued.Json["runId"]}", Principals.Finance);
        var line = run.Json["regions"]!.Single(r => (string?)r["regionId"] == "achterhoek");
        Assert.Equal(("blocked", "year-closed"), ((string?)line["outcome"], (string?)line["reason"]));
        Assert.Empty(await TranchesAsync(system, 2025));
        var journal = await WholeJournalAsync(system, "achterhoek");
        Assert.DoesNotContain(journal, e => (string?)e["entry"]!["type"] is EventTypes.AllocationFrozen or EventTypes.TrancheIssued);
        var sealedAt = journal.FindIndex(e => (string?)e["entry"]!["type"] == EventTypes.YearClosed);
        Assert.Equal(EventTypes.TrancheAdmissionRefused, (string?)Assert.Single(journal.Skip(sealedAt + 1))["entry"]!["type"]);
        Assert.True(await system.Api.PostAsync(ClosePath, Principals.Finance, new { }) is { Status: HttpStatusCode.OK });
    }

    [Fact]
    public async Task Only_finance_closes_a_year()
    {
        await using var system = await ReadyAsync([]);
        foreach (var principal in new[] { Principals.Auditor, Principals.Coordinator, KassierOf("achterhoek"), KassierOf("twente") })
        {
            var refused = await system.Api.PostAsync(ClosePath, principal, new { });
            Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        }
        var statement = await StatementAsync(system, "achterhoek", 2025, Principals.Auditor);
        Assert.False((bool)statement["closed"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Api.PostAsync($"{NpvrProgramme.Programme}/years/2030/close", Principals.Finance, new { })).Status);
    }
}
