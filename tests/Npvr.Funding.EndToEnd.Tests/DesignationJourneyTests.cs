using System.Net;
using Azure.Data.Tables;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class DesignationJourneyTests
{
    private const string Kassier = "regions/achterhoek/kassier";
    private const string Journal = "audit/regions/achterhoek/journal";
    private const string Verify = "audit/regions/achterhoek/verify";
    private const string JournalSubscription = "funding-events/Subscriptions/spending-journal";

    [Fact]
    public async Task Designating_a_kassier_reaches_the_region_journal_with_a_chain_that_verifies()
    {
        await using var system = await TestSystem.StartAsync();

        var designated = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, designated.Status);
        Assert.Equal("gemeente", (string?)designated.Json["organisationKind"]);
        var journal = await system.Api.GetAsync(Journal, Principals.Auditor);
        var entry = Assert.Single(journal.Json["items"]!);
        Assert.Equal(1, (int)entry["sequence"]!);
        Assert.Equal("KassierDesignated", (string?)entry["entry"]!["type"]);
        Assert.Equal("GM0222", (string?)entry["entry"]!["data"]!["organisationCode"]);
        var verify = (await system.Api.GetAsync(Verify, Principals.Auditor)).Json;
        Assert.True((bool)verify["valid"]!);
        Assert.Equal(1, (int)verify["entries"]!);
        Assert.Equal((string?)entry["hash"], (string?)verify["headHash"]);
    }

    [Fact]
    public async Task A_second_designation_appends_to_history_and_journal()
    {
        await using var system = await TestSystem.StartAsync();

        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-01-15"));
        var second = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Gelderland("2026-01-01"));
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, second.Status);
        var kassier = (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json;
        Assert.Equal(["GM0222", "PV25"], kassier["history"]!.Select(h => (string)h["organisationCode"]!));
        Assert.Equal("PV25", (string?)kassier["current"]!["organisationCode"]);
        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Equal([1, 2], journal.Select(e => (int)e["sequence"]!));
        Assert.Equal((string?)journal[0]!["hash"], (string?)journal[1]!["previousHash"]);
        Assert.True((bool)(await system.Api.GetAsync(Verify, Principals.Auditor)).Json["valid"]!);
    }

    [Fact]
    public async Task A_delivery_repeated_by_the_broker_is_journaled_once()
    {
        await using var system = await TestSystem.StartAsync();
        system.Host.Broker.Faults.DuplicateNextDeliveries(JournalSubscription, 1);

        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();
        // And the same event published once more as a new message (another MessageId), as a re-run relay would.
        var published = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]![0]!["entry"]!.DeepClone() as Newtonsoft.Json.Linq.JObject;
        published!.Remove("sequence");
        await system.Host.Broker.SendAsync("funding-events", new LocalHost.Broker.BrokerMessage(published.ToString()));
        await system.IdleAsync();

        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Single(journal);
        var inbox = system.Table("Journal").Query<TableEntity>(e => e.PartitionKey == "achterhoek").Count(e => e.RowKey.StartsWith("inbox|", StringComparison.Ordinal));
        Assert.Equal(1, inbox);
    }

    [Fact]
    public async Task A_crash_after_the_write_and_before_the_reply_answers_500_and_a_retry_with_the_key_gets_the_first_answer()
    {
        await using var system = await TestSystem.StartAsync();
        system.Host.Faults.CrashAfterWriteBeforeReply("DesignateKassier");

        var crashed = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "designate-achterhoek");
        await system.IdleAsync();
        var retried = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "designate-achterhoek");
        await system.IdleAsync();

        Assert.Equal(0, system.Host.Faults.PendingCrashes("DesignateKassier"));
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Single((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Equal("KassierDesignated", (string?)Assert.Single(journal)["entry"]!["type"]);
    }

    [Fact]
    public async Task An_event_whose_publish_failed_after_its_write_reaches_the_journal_through_the_sweep_once()
    {
        await using var system = await TestSystem.StartAsync();
        system.Host.Broker.Faults.RefuseSends("funding-events");

        var designated = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();
        Assert.Equal(HttpStatusCode.OK, designated.Status);
        Assert.Empty((await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!);

        system.Host.Broker.Faults.Clear("funding-events");
        var sweep = await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
        await system.IdleAsync();
        var again = await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
        await system.IdleAsync();

        Assert.True(sweep.Succeeded, sweep.FailureDescription);
        Assert.True(again.Succeeded, again.FailureDescription);
        var journal = (await system.Api.GetAsync(Journal, Principals.Auditor)).Json["items"]!;
        Assert.Equal("KassierDesignated", (string?)Assert.Single(journal)["entry"]!["type"]);
    }

    [Fact]
    public async Task Tampering_with_a_stored_journal_row_is_reported_at_its_sequence()
    {
        await using var system = await TestSystem.StartAsync();
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-01-15"));
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Gelderland("2026-01-01"));
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2027-01-01"));
        await system.IdleAsync();
        Assert.True((bool)(await system.Api.GetAsync(Verify, Principals.Auditor)).Json["valid"]!);

        var table = system.Table("Journal");
        var row = (await table.GetEntityAsync<TableEntity>("achterhoek", "entry|000000000002")).Value;
        var original = row.GetString("Content")!;
        row["Content"] = original.Replace("\"organisationName\":\"", "\"organisationName\":\"Not ", StringComparison.Ordinal);
        Assert.NotEqual(original, row.GetString("Content"));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var verify = (await system.Api.GetAsync(Verify, Principals.Auditor)).Json;
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(2, (int)verify["firstBrokenSequence"]!);
        Assert.Equal(3, (int)verify["entries"]!);
    }
}
