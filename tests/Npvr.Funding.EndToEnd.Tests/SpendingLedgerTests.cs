using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 8, points 1, 2, 4 and 5: entries and reversals over HTTP, queries, access, and their events in the journal
/// (recognised by the ledger alone: this world's app keeps no memory of what it staged).
/// </summary>
public sealed class SpendingLedgerTests(SpendingWorldWithoutMemory world) : IClassFixture<SpendingWorldWithoutMemory>
{
    private TestSystem System => world.System;

    [Fact]
    public async Task A_kassier_records_reverses_and_queries_entries_and_each_lands_in_the_region_journal_exactly_once()
    {
        var programme = await world.ProgrammeAsync("achterhoek", "twente");
        var journalBefore = (await WholeJournalAsync(System, "achterhoek")).Count;
        var entries = new[]
        {
            Entry(programme, "2025-03-14", "24200.00", "4200.00", "4200.00", "process-guidance"),
            Entry(programme, "2025-03-14", "70000.00", "0.00", "0.00", "personnel"),
            Entry(programme, "2025-09-01", "4114.00", "714.00", "650.00", "participation"),
            Entry(programme, "2026-02-02", "1000.00", "0.00", "0.00", "other"),
        };

        var recorded = new List<JObject>();
        foreach (var entry in entries) recorded.Add(await RecordAsync(System, "achterhoek", entry));
        var reversal = await System.Api.PostAsync($"{SpendingPath("achterhoek")}/{entries[3]["entryId"]}/reversal", KassierOf("achterhoek"), new { reason = "Dubbel geboekt" });
        await System.IdleAsync();

        Assert.True(reversal.Status == HttpStatusCode.Created, reversal.ToString());
        Assert.Equal((string?)entries[3]["entryId"], (string?)reversal.Json["reversesEntryId"]);
        Assert.Equal(("-1000.00", "Dubbel geboekt", "2026-02-02"), ((string?)reversal.Json["amount"], (string?)reversal.Json["reason"], (string?)reversal.Json["bookedOn"]));
        Assert.Equal(("24200.00", "process-guidance", "GM0222"), ((string?)recorded[0]["amount"], (string?)recorded[0]["category"], "GM0222"));
        var listed = await ListAsync(System, "achterhoek", $"programmeId={programme}", KassierOf("achterhoek"));
        var expectedOrder = entries.Select(e => ((string)e["bookedOn"]!, (string)e["entryId"]!)).Append(("2026-02-02", (string)reversal.Json["entryId"]!))
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).Select(k => k.Item2);
        Assert.Equal(expectedOrder, listed.Select(e => (string)e["entryId"]!));
        var journal = await WholeJournalAsync(System, "achterhoek");
        var ids = entries.Select(e => (string)e["entryId"]!).Append((string)reversal.Json["entryId"]!).ToHashSet();
        Assert.Equal(4, Journaled(journal, "SpendingRecorded", ids));
        Assert.Equal(1, Journaled(journal, "SpendingReversed", ids));
        Assert.Equal(journalBefore + 5, journal.Count);
        await VerifyAsync(System, "achterhoek");
    }

    [Fact]
    public async Task Filters_by_programme_year_category_and_period_give_the_expected_sets()
    {
        var first = await world.ProgrammeAsync("achterhoek");
        var second = await world.ProgrammeAsync("achterhoek");
        var a = await RecordAsync(System, "achterhoek", Entry(first, "2025-01-31", category: "research"));
        var b = await RecordAsync(System, "achterhoek", Entry(first, "2025-12-31", category: "personnel", vat: "0.00", compensableVat: "0.00"));
        var c = await RecordAsync(System, "achterhoek", Entry(first, "2026-01-01", category: "research"));
        var d = await RecordAsync(System, "achterhoek", Entry(second, "2025-06-15", category: "research"));
        await System.IdleAsync();

        async Task<string[]> Ids(string query) => [.. (await ListAsync(System, "achterhoek", query)).Select(e => (string)e["entryId"]!)];
        string[] IdsOf(params JObject[] entries) => [.. entries.Select(e => (string)e["entryId"]!)];

        Assert.Equal(IdsOf(a, b, c), await Ids($"programmeId={first}"));
        Assert.Equal(IdsOf(a, b), await Ids($"programmeId={first}&year=2025"));
        Assert.Equal(IdsOf(a, c), await Ids($"programmeId={first}&category=research"));
        Assert.Equal(IdsOf(b, c), await Ids($"programmeId={first}&from=2025-12-31&to=2026-01-01"));
        Assert.Equal(IdsOf(b), await Ids($"programmeId={first}&year=2025&from=2025-02-01"));
        Assert.Equal(IdsOf(d), await Ids($"programmeId={second}&year=2025&category=research"));
        Assert.Empty(await Ids($"programmeId={second}&year=2026"));
        var all = await Ids("year=2025&from=2025-01-31&to=2025-12-31");
        Assert.Equal(IdsOf(a, d, b), all.Where(id => IdsOf(a, b, c, d).Contains(id)));
        foreach (var (query, type) in new[] { ("year=25", "year-invalid"), ("category=travel", "category-invalid"), ("from=2025-02-30", "from-invalid"),
                     ("from=2025-03-01&to=2025-02-01", "period-invalid"), ("programmeId=Not_An_Id", "programme-id-invalid") })
        {
            var refused = await System.Api.GetAsync($"{SpendingPath("achterhoek")}?{query}", Principals.Auditor);
            Assert.True(refused.Status == HttpStatusCode.BadRequest && (string?)refused.Json["type"] == type, $"{query}: {refused}");
        }
    }

    [Fact]
    public async Task The_auditor_and_finance_read_every_region_a_kassier_only_their_own_and_others_not_at_all()
    {
        var programme = await world.ProgrammeAsync("achterhoek", "twente");
        var twente = await RecordAsync(System, "twente", Entry(programme));
        var query = $"{SpendingPath("twente")}?programmeId={programme}";

        var byAuditor = await System.Api.GetAsync(query, Principals.Auditor);
        var byFinance = await System.Api.GetAsync(query, Principals.Finance);
        var byOwnKassier = await System.Api.GetAsync(query, KassierOf("twente"));
        var byOtherKassier = await System.Api.GetAsync(query, KassierOf("achterhoek"));
        var byCoordinator = await System.Api.GetAsync(query, Principals.Coordinator);
        var exportByOther = await System.Api.GetCsvAsync(query, KassierOf("achterhoek"));
        var anonymous = await System.Api.GetAsync(query, null);

        Assert.Equal((string?)twente["entryId"], (string?)Assert.Single((JArray)byAuditor.Json["items"]!)["entryId"]);
        Assert.Single((JArray)byFinance.Json["items"]!);
        Assert.Single((JArray)byOwnKassier.Json["items"]!);
        Assert.Equal((HttpStatusCode.Forbidden, "not-kassier-of-region"), (byOtherKassier.Status, (string?)byOtherKassier.Json["type"]));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden-role"), (byCoordinator.Status, (string?)byCoordinator.Json["type"]));
        Assert.Equal(HttpStatusCode.Forbidden, exportByOther.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    [Fact]
    public async Task Finance_auditors_and_another_regions_kassier_may_not_write_and_nothing_is_written()
    {
        var programme = await world.ProgrammeAsync("achterhoek", "twente");
        var original = await RecordAsync(System, "achterhoek", Entry(programme));
        var refusedEntry = Entry(programme);
        var csv = CsvText.Of([CsvText.Row(programme, Guid.NewGuid(), "2025-05-05", "10.00", "0.00", "0.00", "other", "X", "Y")]);
        var reversal = $"{SpendingPath("achterhoek")}/{original["entryId"]}/reversal";

        var answers = new List<(string Who, ApiResponse Answer)>();
        foreach (var (who, principal) in new[] { ("finance", Principals.Finance), ("auditor", Principals.Auditor), ("twente's kassier", KassierOf("twente")) })
        {
            answers.Add((who + " records", await System.Api.PostAsync(SpendingPath("achterhoek"), principal, refusedEntry.ToString())));
            answers.Add((who + " reverses", await System.Api.PostAsync(reversal, principal, new { reason = "not mine" })));
            answers.Add((who + " imports", await System.Api.PostCsvAsync($"{SpendingPath("achterhoek")}/import", principal, csv)));
        }
        await System.IdleAsync();

        Assert.All(answers, a => Assert.True(a.Answer.Status == HttpStatusCode.Forbidden && a.Answer.MediaType == "application/problem+json", $"{a.Who}: {a.Answer}"));
        Assert.Equal("forbidden-role", (string?)answers[0].Answer.Json["type"]);
        Assert.Equal("not-kassier-of-region", (string?)answers[^1].Answer.Json["type"]);
        Assert.Equal([(string)original["entryId"]!], (await ListAsync(System, "achterhoek", $"programmeId={programme}")).Select(e => (string)e["entryId"]!));
        var journal = await WholeJournalAsync(System, "achterhoek");
        Assert.Equal(0, Journaled(journal, "SpendingRecorded", new HashSet<string> { (string)refusedEntry["entryId"]! }));
        Assert.Equal(0, Journaled(journal, "SpendingReversed", new HashSet<string> { Domain.Spending.ReversalIds.Of(Guid.Parse((string)original["entryId"]!)).ToString() }));
    }

    public static TheoryData<string, string, string> Rules() => new()
    {
        { "amount zero", "amount", "amount-not-positive" },
        { "amount negative", "amount", "amount-not-positive" },
        { "vat above amount", "vat", "vat-exceeds-amount" },
        { "vat negative", "vat", "vat-negative" },
        { "compensable vat above vat", "compensableVat", "compensable-vat-exceeds-vat" },
        { "compensable vat negative", "compensableVat", "compensable-vat-negative" },
        { "unknown category", "category", "category-unknown" },
        { "onward transfer without its body", "onwardTransferTo", "onward-transfer-required" },
        { "onward transfer body for another category", "onwardTransferTo", "onward-transfer-not-allowed" },
        { "onward transfer with a bad KvK number", "onwardTransferTo.kvkNumber", "kvk-number-invalid" },
        { "booked tomorrow", "bookedOn", "booked-on-in-future" },
        { "booked before the programme's first year", "bookedOn", "booked-on-before-programme" },
        { "a programme the region does not take part in", "programmeId", "programme-not-for-region" },
        { "an unknown programme", "programmeId", "programme-not-for-region" },
        { "counterparty too long", "counterparty", "counterparty-too-long" },
        { "description too long", "description", "description-too-long" },
        { "invoice reference too long", "invoiceReference", "invoice-reference-too-long" },
        { "description missing", "description", "description-required" },
        { "entry id not a UUID", "entryId", "entry-id-invalid" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_rule_of_an_entry_is_refused_with_400_naming_the_field_and_nothing_is_written(string rule, string field, string type)
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var elsewhere = await world.ProgrammeAsync("twente");
        var entry = Entry(programme);
        Break(entry, rule, elsewhere);

        var refused = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
        await System.IdleAsync();

        Assert.True(refused.Status == HttpStatusCode.BadRequest && refused.MediaType == "application/problem+json", refused.ToString());
        Assert.Equal(type, (string?)refused.Json["type"]);
        Assert.Equal(field, (string?)refused.Json["errors"]![0]!["field"]);
        Assert.Contains(field.Split('.')[0], (string?)refused.Json["detail"], StringComparison.Ordinal);
        Assert.Empty(await ListAsync(System, "achterhoek", $"programmeId={programme}"));
        Assert.Empty(await ListAsync(System, "achterhoek", $"programmeId={elsewhere}"));
        var journal = await WholeJournalAsync(System, "achterhoek");
        Assert.DoesNotContain(journal, e => (string?)e["entry"]!["data"]!["entryId"] == (string?)entry["entryId"]);
    }

    private static void Break(JObject entry, string rule, string otherProgramme)
    {
        switch (rule)
        {
            case "amount zero": entry["amount"] = "0.00"; entry["vat"] = "0.00"; entry["compensableVat"] = "0.00"; break;
            case "amount negative": entry["amount"] = "-1210.00"; break;
            case "vat above amount": entry["vat"] = "1210.01"; break;
            case "vat negative": entry["vat"] = "-1.00"; entry["compensableVat"] = "0.00"; break;
            case "compensable vat above vat": entry["compensableVat"] = "210.01"; break;
            case "compensable vat negative": entry["compensableVat"] = "-0.01"; break;
            case "unknown category": entry["category"] = "travel"; break;
            case "onward transfer without its body": entry["category"] = "onward-transfer"; break;
            case "onward transfer body for another category": entry["onwardTransferTo"] = new JObject { ["name"] = "Regio Achterhoek (Wgr)", ["kvkNumber"] = "12345678" }; break;
            case "onward transfer with a bad KvK number":
                entry["category"] = "onward-transfer";
                entry["onwardTransferTo"] = new JObject { ["name"] = "Regio Achterhoek (Wgr)", ["kvkNumber"] = "1234" };
                break;
            case "booked tomorrow": entry["bookedOn"] = Domain.Spending.BusinessDate.InAmsterdam(DateTimeOffset.UtcNow).AddDays(1).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture); break;
            case "booked before the programme's first year": entry["bookedOn"] = "2024-12-31"; break;
            case "a programme the region does not take part in": entry["programmeId"] = otherProgramme; break;
            case "an unknown programme": entry["programmeId"] = "never-defined"; break;
            case "counterparty too long": entry["counterparty"] = new string('c', 201); break;
            case "description too long": entry["description"] = new string('d', 1001); break;
            case "invoice reference too long": entry["invoiceReference"] = new string('i', 101); break;
            case "description missing": entry["description"] = "  "; break;
            case "entry id not a UUID": entry["entryId"] = "entry-1"; break;
            default: throw new ArgumentException($"No rule '{rule}'.", nameof(rule));
        }
    }

    [Fact]
    public async Task The_same_entry_id_with_the_same_body_answers_the_first_201_and_with_another_body_is_409_entry_id_reused()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var entry = Entry(programme);

        var first = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
        var again = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
        var spaced = (JObject)entry.DeepClone();
        spaced["counterparty"] = "  " + (string?)entry["counterparty"] + " ";
        var trimmedAgain = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), spaced.ToString());
        var other = (JObject)entry.DeepClone();
        other["amount"] = "1210.01";
        var reused = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), other.ToString());
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), Entry(programme, entryId: Guid.Parse((string)entry["entryId"]!)).ToString())));
        await System.IdleAsync();

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((first.Status, first.Body), (again.Status, again.Body));
        Assert.Equal((first.Status, first.Body), (trimmedAgain.Status, trimmedAgain.Body));
        Assert.Equal((HttpStatusCode.Conflict, "entry-id-reused"), (reused.Status, (string?)reused.Json["type"]));
        Assert.All(racing, r => Assert.Equal((first.Status, first.Body), (r.Status, r.Body)));
        Assert.Single(await ListAsync(System, "achterhoek", $"programmeId={programme}"));
        Assert.Equal(1, Journaled(await WholeJournalAsync(System, "achterhoek"), "SpendingRecorded", new HashSet<string> { (string)entry["entryId"]! }));
    }

    [Fact]
    public async Task Reversing_twice_or_reversing_a_reversal_is_409_and_the_same_reversal_again_answers_the_first()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var entry = await RecordAsync(System, "achterhoek", Entry(programme));
        var path = $"{SpendingPath("achterhoek")}/{entry["entryId"]}/reversal";

        var reversed = await System.Api.PostAsync(path, KassierOf("achterhoek"), new { reason = "Verkeerde factuur" });
        var same = await System.Api.PostAsync(path, KassierOf("achterhoek"), new { reason = "Verkeerde factuur" });
        var twice = await System.Api.PostAsync(path, KassierOf("achterhoek"), new { reason = "Nog eens" });
        var ofReversal = await System.Api.PostAsync($"{SpendingPath("achterhoek")}/{reversed.Json["entryId"]}/reversal", KassierOf("achterhoek"), new { reason = "Terug" });
        var unknown = await System.Api.PostAsync($"{SpendingPath("achterhoek")}/{Guid.NewGuid()}/reversal", KassierOf("achterhoek"), new { reason = "?" });
        var noReason = await System.Api.PostAsync($"{SpendingPath("achterhoek")}/{Guid.NewGuid()}/reversal", KassierOf("achterhoek"), new { reason = "" });
        await System.IdleAsync();

        Assert.Equal(HttpStatusCode.Created, reversed.Status);
        Assert.Equal((reversed.Status, reversed.Body), (same.Status, same.Body));
        Assert.Equal((HttpStatusCode.Conflict, "entry-already-reversed"), (twice.Status, (string?)twice.Json["type"]));
        Assert.Equal((HttpStatusCode.Conflict, "reversal-not-reversible"), (ofReversal.Status, (string?)ofReversal.Json["type"]));
        Assert.Equal((HttpStatusCode.NotFound, "entry-not-found"), (unknown.Status, (string?)unknown.Json["type"]));
        Assert.Equal((HttpStatusCode.BadRequest, "reason-required"), (noReason.Status, (string?)noReason.Json["type"]));
        var listed = await ListAsync(System, "achterhoek", $"programmeId={programme}");
        Assert.Equal(["1210.00", "-1210.00"], listed.Select(e => (string)e["amount"]!).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(1, Journaled(await WholeJournalAsync(System, "achterhoek"), "SpendingReversed", new HashSet<string> { (string)reversed.Json["entryId"]! }));
    }

    [Fact]
    public async Task Pages_concatenate_to_the_whole_result_without_gaps_or_repeats_and_a_token_of_another_query_is_400()
    {
        var programme = await world.ProgrammeAsync("achterhoek", "twente");
        for (var i = 0; i < 23; i++)
            await RecordAsync(System, "achterhoek", Entry(programme, i % 2 == 0 ? "2025-04-01" : $"2025-05-{1 + (i % 20):D2}", amount: $"{100 + i}.00", vat: "0.00", compensableVat: "0.00"));

        var whole = await ListAsync(System, "achterhoek", $"programmeId={programme}", pageSize: 1000);
        var paged = await ListAsync(System, "achterhoek", $"programmeId={programme}", pageSize: 5);
        var first = await System.Api.GetAsync($"{SpendingPath("achterhoek")}?programmeId={programme}&pageSize=5", Principals.Auditor);
        var token = Uri.EscapeDataString((string)first.Json["continuationToken"]!);
        var otherFilters = await System.Api.GetAsync($"{SpendingPath("achterhoek")}?programmeId={programme}&year=2025&pageSize=5&continuationToken={token}", Principals.Auditor);
        var otherRegion = await System.Api.GetAsync($"{SpendingPath("twente")}?programmeId={programme}&pageSize=5&continuationToken={token}", Principals.Auditor);
        var sameQuery = await System.Api.GetAsync($"{SpendingPath("achterhoek")}?programmeId={programme}&pageSize=7&continuationToken={token}", Principals.Auditor);

        Assert.Equal(23, whole.Count);
        Assert.Equal(whole.Select(e => e.ToString()), paged.Select(e => e.ToString()));
        Assert.Equal(whole.Select(e => ((string)e["bookedOn"]!, (string)e["entryId"]!)),
            whole.Select(e => ((string)e["bookedOn"]!, (string)e["entryId"]!)).OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal));
        Assert.Equal((HttpStatusCode.BadRequest, "continuation-token-invalid"), (otherFilters.Status, (string?)otherFilters.Json["type"]));
        Assert.Equal((HttpStatusCode.BadRequest, "continuation-token-invalid"), (otherRegion.Status, (string?)otherRegion.Json["type"]));
        Assert.Equal(whole.Skip(5).Take(7).Select(e => (string)e["entryId"]!), sameQuery.Json["items"]!.Select(e => (string)e["entryId"]!));
    }

    [Fact]
    public async Task Fifty_concurrent_entries_and_other_apps_events_in_one_region_are_each_journaled_once_and_the_chain_verifies()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var entries = Enumerable.Range(0, 50).Select(i => Entry(programme, $"2025-07-{1 + (i % 28):D2}", amount: $"{1000 + i}.00", vat: "0.00", compensableVat: "0.00")).ToList();

        var recording = entries.Select(e => System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), e.ToString())).ToList();
        var estimating = new[] { 2025, 2026, 2027 }.Select(year =>
            System.Api.PutAsync($"programmes/{programme}/years/{year}/regions/achterhoek/vat-estimate", Principals.Finance, new { compensableVat = "1000.00" })).ToList();
        var answers = await Task.WhenAll(recording.Concat(estimating));
        await System.IdleAsync();

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.ToString()));
        var journal = await WholeJournalAsync(System, "achterhoek");
        Assert.Equal(50, Journaled(journal, "SpendingRecorded", entries.Select(e => (string)e["entryId"]!).ToHashSet()));
        Assert.Equal(3, journal.Count(e => (string?)e["entry"]!["type"] == "AllocationDetermined" && (string?)e["entry"]!["programmeId"] == programme));
        Assert.Equal(journal.Count, journal.Select(e => (string?)e["entry"]!["eventId"]).Distinct().Count());
        await VerifyAsync(System, "achterhoek");
    }

    [Fact]
    public async Task A_write_whose_reply_was_lost_is_retried_with_the_same_body_and_recorded_once()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var entry = Entry(programme);
        System.Host.Faults.CrashAfterWriteBeforeReply(nameof(Spending.RecordSpendingEntry));

        var lost = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
        var retried = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
        await System.IdleAsync();

        Assert.Equal(0, System.Host.Faults.PendingCrashes(nameof(Spending.RecordSpendingEntry)));
        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Single(await ListAsync(System, "achterhoek", $"programmeId={programme}"));
        Assert.Equal(1, Journaled(await WholeJournalAsync(System, "achterhoek"), "SpendingRecorded", new HashSet<string> { (string)entry["entryId"]! }));
    }

    [Fact]
    public async Task An_event_the_broker_refused_stays_in_the_outbox_until_the_sweep_publishes_it_and_is_journaled_once()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var entry = Entry(programme);
        System.Host.Broker.Faults.RefuseSends("funding-events");
        ApiResponse recorded;
        try
        {
            recorded = await System.Api.PostAsync(SpendingPath("achterhoek"), KassierOf("achterhoek"), entry.ToString());
            Assert.True(System.Host.Broker.Faults.RefusedSends("funding-events") > 0);
        }
        finally
        {
            System.Host.Broker.Faults.Clear("funding-events");
        }
        var journaled = (await WholeJournalAsync(System, "achterhoek")).Single(e => (string?)e["entry"]!["data"]!["entryId"] == (string?)entry["entryId"]);
        var outboxRow = $"evt|{journaled["entry"]!["eventId"]}";
        var before = await System.Table("Journal").GetEntityAsync<Azure.Data.Tables.TableEntity>("achterhoek", outboxRow);

        var swept = await System.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Spending");
        await System.IdleAsync();

        Assert.Equal(HttpStatusCode.Created, recorded.Status);
        Assert.False(before.Value.GetBoolean("Published"));
        Assert.True(swept.Succeeded, swept.FailureDescription);
        Assert.True((await System.Table("Journal").GetEntityAsync<Azure.Data.Tables.TableEntity>("achterhoek", outboxRow)).Value.GetBoolean("Published"));
        Assert.Equal(1, Journaled(await WholeJournalAsync(System, "achterhoek"), "SpendingRecorded", new HashSet<string> { (string)entry["entryId"]! }));
        await VerifyAsync(System, "achterhoek");
    }

    [Fact]
    public async Task What_a_writer_left_staged_before_it_could_link_is_linked_by_LinkJournals()
    {
        var left = Contracts.EventEnvelope.Create("LeftStaged", new { note = "staged by a writer that stopped before linking" }, DateTimeOffset.UtcNow,
            "zuidoost-drenthe", null, "test", null, Contracts.Actor.System);
        var row = new Azure.Data.Tables.TableEntity("zuidoost-drenthe", $"staged|{DateTimeOffset.UtcNow.UtcTicks:D19}|00000|{left.EventId}")
        {
            ["Envelope"] = Contracts.FundingJson.Serialize(left),
        };
        await System.Table("Journal").AddEntityAsync(row);
        var before = await WholeJournalAsync(System, "zuidoost-drenthe");

        var linked = await System.Host.RunFunctionAsync("LinkJournals", "Npvr.Funding.Spending");
        var after = await WholeJournalAsync(System, "zuidoost-drenthe");

        Assert.True(linked.Succeeded, linked.FailureDescription);
        Assert.DoesNotContain(before, e => (string?)e["entry"]!["eventId"] == left.EventId);
        Assert.Single(after, e => (string?)e["entry"]!["eventId"] == left.EventId);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.False((await System.Table("Journal").GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("zuidoost-drenthe", row.RowKey)).HasValue);
        await VerifyAsync(System, "zuidoost-drenthe");
    }
}
