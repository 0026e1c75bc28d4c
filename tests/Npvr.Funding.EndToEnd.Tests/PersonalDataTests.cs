using System.Net;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Verify;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 11 point 13 and issue 12 point 6 end to end: every event names its actor by Entra object id and tenant id; the
/// journal hashes people's names and e-mail addresses only as salted digests and serves their values beside the
/// entries; a coordinator erases a person's values and the chain, its checkpoints and proofs stay valid.
/// </summary>
public sealed class PersonalDataTests
{
    private const string ContactEmail = "regiokassier@doetinchem.nl";
    private const string CoordinatorName = "coordinator@minbzk.nl";
    private const string FinanceName = "finance@minbzk.nl";
    private static readonly string KassierName = $"kassier@{Doetinchem.ToLowerInvariant()}.nl";
    private static readonly Guid Kassier = Principals.StaffObjectId(Doetinchem);

    [Fact]
    public async Task Every_event_the_story_journals_names_its_actor_and_holds_people_only_as_digests_whose_values_are_served_beside_it()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        await DesignateWithContactAsync(system);
        await StatementTests.AchterhoekStoryAsync(system);
        await ImportAsync(system, "achterhoek", CsvText.Of([CsvText.Row(NpvrProgramme.ProgrammeId, Guid.NewGuid(), "2025-10-01", "605.00", "105.00", "105.00", "research", "Onderzoeksbureau", "Nulmeting")]));

        var journal = await WholeJournalAsync(system, "achterhoek");

        // Who caused each type: the saga's events name the finance officer who issued the year, an import's the kassier who posted it.
        var expected = new Dictionary<string, (Guid ObjectId, string Name)>
        {
            [EventTypes.KassierDesignated] = (Principals.CoordinatorObjectId, CoordinatorName),
            [EventTypes.AllocationDetermined] = (Kassier, KassierName),
            [EventTypes.TrancheAdmitted] = (Principals.FinanceObjectId, FinanceName),
            [EventTypes.AllocationFrozen] = (Principals.FinanceObjectId, FinanceName),
            [EventTypes.TrancheIssued] = (Principals.FinanceObjectId, FinanceName),
            [EventTypes.TrancheReceived] = (Kassier, KassierName),
            [EventTypes.SpendingRecorded] = (Kassier, KassierName),
            [EventTypes.SpendingReversed] = (Kassier, KassierName),
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), journal.Select(TypeOf).Distinct().Order(StringComparer.Ordinal));
        foreach (var entry in journal)
        {
            var (objectId, name) = expected[TypeOf(entry)];
            var actor = (JObject)entry["entry"]!["actor"]!;
            Assert.True(((string?)actor["kind"], (string?)actor["objectId"], (string?)actor["tenantId"]) == ("person", objectId.ToString("D"), Principals.Tenant.ToString("D")),
                $"{TypeOf(entry)} {entry["sequence"]}: {actor}");
            Assert.Equal(name, (string?)Values(entry).Single(v => (string?)v["path"] == "/actor/name")["value"]);
        }
        AssertNoClearPeople(journal.Select(e => (string)e["content"]!), ContactEmail, CoordinatorName, FinanceName, KassierName);
        AssertNoClearPeople(AuditWorld.EntryRows(system, "achterhoek").Select(r => r.GetString("Content")), ContactEmail, CoordinatorName, FinanceName, KassierName);
        AssertServedValuesCheck(journal);
        var designated = journal.Last(e => TypeOf(e) == EventTypes.KassierDesignated);
        Assert.Equal([("/actor/name", CoordinatorName), ("/data/contactEmail", ContactEmail), ("/data/designatedBy", CoordinatorName)],
            Values(designated).Select(v => ((string)v["path"]!, (string)v["value"]!)).Order());
        Assert.Contains("Gemeente Doetinchem", (string)designated["content"]!, StringComparison.Ordinal); // organisations stay in clear
        await AssertJournalVerifiesAsync(system, "achterhoek");
    }

    [Fact]
    public async Task A_staff_change_names_the_coordinator_and_keeps_the_staff_members_name_beside_the_event()
    {
        await using var system = await TestSystem.StartAsync();

        // StaffAuthorised concerns no region, so no journal holds it: Registration's outbox row is the event as published.
        var row = system.Table("Staff").Query<TableEntity>(e => e.PartitionKey == Doetinchem && e.RowKey.CompareTo("evt|") > 0 && e.RowKey.CompareTo("evt}") < 0).Single();
        var envelope = FundingJson.Deserialize<EventEnvelope>(row.GetString("Envelope"));

        Assert.Equal(EventTypes.StaffAuthorised, envelope.Type);
        Assert.Equal(Actor.Person(Principals.CoordinatorObjectId, Principals.Tenant, CoordinatorName), envelope.ActingActor());
        Assert.True(PersonalDigest.IsDigest((string?)envelope.Data["displayName"]));
        Assert.True(PersonalDigest.IsDigest((string?)envelope.Data["changedBy"]));
        var displayName = envelope.PersonalData!.Single(v => v.Path == "/data/displayName");
        Assert.Equal(("Kassier staff of " + Doetinchem, (Guid?)Kassier), (displayName.Value, displayName.ObjectId));
    }

    [Fact]
    public async Task Erasing_a_person_leaves_the_chain_its_checkpoints_and_proofs_valid_and_their_values_gone_from_the_journal()
    {
        await using var system = await ReadyAsync(["achterhoek"]);
        await DesignateWithContactAsync(system);
        await RecordAsync(system, "achterhoek", Entry(NpvrProgramme.ProgrammeId, "2025-03-14"));
        await RecordAsync(system, "achterhoek", Entry(NpvrProgramme.ProgrammeId, "2025-03-15"));
        await system.IdleAsync();
        var before = await WholeJournalAsync(system, "achterhoek");
        var signed = await AuditWorld.CheckpointAsync(system, "achterhoek");
        Assert.Equal(before.Count, signed.TreeSize);

        var byEmail = await EraseAsync(system, new { email = " RegioKassier@Doetinchem.nl ", reason = "AVG-verzoek 2025-17" });
        var byObjectId = await EraseAsync(system, new { objectId = Kassier.ToString("D"), reason = "AVG-verzoek 2025-18" });
        var again = await EraseAsync(system, new { email = ContactEmail, reason = "AVG-verzoek 2025-17, herhaald" });

        Assert.Equal(("email", true), ((string?)byEmail["subject"], (bool)byEmail["complete"]!));
        Assert.Equal([("achterhoek", 1, 1)], Regions(byEmail)); // one designation held the address
        Assert.Equal([("achterhoek", 3, 5)], Regions(byObjectId)); // the estimate's actor, and each entry's actor and recordedBy
        Assert.Empty(Regions(again));
        var after = await WholeJournalAsync(system, "achterhoek");
        Assert.Equal(before.Select(e => (string?)e["hash"]), after.Take(before.Count).Select(e => (string?)e["hash"]));
        Assert.Equal(before.Select(e => (string?)e["content"]), after.Take(before.Count).Select(e => (string?)e["content"]));
        var records = after.Skip(before.Count).ToList();
        Assert.Equal([EventTypes.PersonalDataErased, EventTypes.PersonalDataErased], records.Select(TypeOf));
        Assert.Equal((string?)byEmail["erasureId"], (string?)records[0]["entry"]!["data"]!["erasureId"]);
        Assert.DoesNotContain("Doetinchem.nl", (string)records[0]["content"]!, StringComparison.OrdinalIgnoreCase);

        var erased = after.SelectMany(Values).Where(v => v["erased"] is JObject).ToList();
        Assert.Equal(6, erased.Count);
        Assert.All(erased, v => Assert.True(v["value"]!.Type == JTokenType.Null && v["salt"]!.Type == JTokenType.Null, v.ToString()));
        Assert.DoesNotContain(after.SelectMany(Values), v => (string?)v["value"] is { } text && (text.Equals(ContactEmail, StringComparison.OrdinalIgnoreCase) || text == KassierName));
        Assert.Contains(after.SelectMany(Values), v => (string?)v["value"] == CoordinatorName); // another person's values stay
        AssertServedValuesCheck(after);

        // Nothing hashed changed: verify, the checkpoint signed before, an inclusion proof under it, and the offline verifier.
        var verify = await AuditWorld.VerifyAsync(system, "achterhoek");
        Assert.True((bool)verify["valid"]!, verify.ToString());
        var root = Convert.FromHexString(signed.RootHash);
        var proof = (await system.Api.GetAsync($"audit/regions/achterhoek/proofs/inclusion?sequence=1&treeSize={signed.TreeSize}", Principals.Auditor)).Json;
        Assert.True(MerkleProofs.VerifyInclusion(0, signed.TreeSize, MerkleTree.JournalLeaf((string)before[0]["hash"]!), [.. ((JArray)proof["proof"]!).Select(h => Convert.FromHexString((string)h!))], root));
        var report = OfflineVerifier.Verify(new JArray(after.Select(e => FundingJson.Parse(e.ToString()))),
            AuditWorld.Exact(await system.Api.GetAsync("audit/regions/achterhoek/checkpoint", Principals.Auditor)),
            AuditWorld.Exact(await system.Api.GetAsync("audit/keys", Principals.Auditor)));
        Assert.True(report.Valid, report.Message);

        // Read the table itself: the address is nowhere in the Journal table, and the erased people have no index rows left.
        var rows = system.Table("Journal").Query<TableEntity>(e => e.PartitionKey == "achterhoek").ToList();
        Assert.DoesNotContain(rows, r => r.Keys.Select(k => r[k]).OfType<string>().Any(p => p.Contains(ContactEmail, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(rows.Where(r => r.RowKey.StartsWith("entry|", StringComparison.Ordinal)), r => (r.GetString("PersonalData") ?? "").Contains(KassierName, StringComparison.Ordinal));
        foreach (var subject in new[] { PersonalSubject.Email(ContactEmail), PersonalSubject.ObjectId(Kassier) })
            Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("pdx|" + PersonalSubject.Hash(subject), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.RowKey.StartsWith("pdx|" + PersonalSubject.Hash(PersonalSubject.ObjectId(Principals.CoordinatorObjectId)), StringComparison.Ordinal));
        var recorded = system.Table("Spending").GetEntity<TableEntity>("personal-data-erasures", (string)byEmail["erasureId"]!).Value;
        Assert.Equal(("email", Principals.CoordinatorObjectId), (recorded.GetString("Subject"), recorded.GetGuid("ActorObjectId")!.Value));

        // A value kept beside an entry that no longer hashes to its digest is found, offline and by verify, at its entry.
        var export = new JArray(after.Select(e => FundingJson.Parse(e.ToString())));
        var changed = export.OfType<JObject>().First(e => ((JArray)e["personalData"]!).OfType<JObject>().Any(v => (string?)v["value"] == CoordinatorName));
        ((JArray)changed["personalData"]!).OfType<JObject>().First(v => (string?)v["value"] == CoordinatorName)["value"] = "someone@else.nl";
        var tampered = OfflineVerifier.Verify(export, AuditWorld.Exact(await system.Api.GetAsync("audit/regions/achterhoek/checkpoint", Principals.Auditor)),
            AuditWorld.Exact(await system.Api.GetAsync("audit/keys", Principals.Auditor)));
        Assert.False(tampered.Valid);
        Assert.Equal((long)changed["sequence"]!, tampered.FirstBrokenSequence);
        var row = rows.Single(r => r.RowKey == $"entry|{(long)changed["sequence"]!:D12}");
        row["PersonalData"] = row.GetString("PersonalData")!.Replace(CoordinatorName, "someone@else.nl", StringComparison.Ordinal);
        system.Table("Journal").UpdateEntity(row, row.ETag, TableUpdateMode.Replace);
        var broken = await AuditWorld.VerifyAsync(system, "achterhoek");
        Assert.Equal(((bool)broken["valid"]!, (long?)broken["firstBrokenSequence"]), (false, (long)changed["sequence"]!));
        Assert.Contains("does not hash", (string?)broken["reason"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("finance")]
    [InlineData("kassier")]
    public async Task An_erasure_by_a_role_that_may_not_erase_is_403_and_erases_nothing(string role)
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateWithContactAsync(system);
        var principal = role switch { "auditor" => Principals.Auditor, "finance" => Principals.Finance, _ => KassierOf("achterhoek") };
        var before = Snapshot(system);

        var refused = await system.Api.PostAsync("audit/personal-data/erasure", principal, new { email = ContactEmail, reason = "AVG-verzoek" });
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("forbidden-role", (string?)refused.Json["type"]);
        Assert.Equal(before, Snapshot(system));
        Assert.Contains((await WholeJournalAsync(system, "achterhoek")).SelectMany(Values), v => (string?)v["value"] == ContactEmail);
    }

    [Theory]
    [InlineData("{\"reason\":\"AVG\"}", "erasure-subject-invalid")]
    [InlineData("{\"email\":\"a@b.nl\",\"objectId\":\"7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\",\"reason\":\"AVG\"}", "erasure-subject-invalid")]
    [InlineData("{\"objectId\":\"Jan Jansen\",\"reason\":\"AVG\"}", "object-id-invalid")]
    [InlineData("{\"email\":\"a@b.nl\"}", "reason-invalid")]
    [InlineData("{\"email\":5,\"reason\":\"AVG\"}", "malformed-body")]
    public async Task An_erasure_request_names_one_person_and_a_reason(string body, string type)
    {
        await using var system = await TestSystem.StartAsync(kassierStaff: false);

        var refused = await system.Api.PostAsync("audit/personal-data/erasure", Principals.Coordinator, body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(type, (string?)refused.Json["type"]);
    }

    private static async Task DesignateWithContactAsync(TestSystem system)
    {
        var designated = await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem("2025-02-01"));
        Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        await system.IdleAsync();
    }

    private static async Task<JObject> EraseAsync(TestSystem system, object body)
    {
        var erased = await system.Api.PostAsync("audit/personal-data/erasure", Principals.Coordinator, body);
        Assert.True(erased.Status == HttpStatusCode.OK, erased.ToString());
        await system.IdleAsync();
        return erased.Json;
    }

    private static string TypeOf(JObject entry) => (string)entry["entry"]!["type"]!;

    private static IEnumerable<JObject> Values(JObject entry) => ((JArray)entry["personalData"]!).OfType<JObject>();

    private static List<(string, int, int)> Regions(JObject erasure) =>
        [.. ((JArray)erasure["regions"]!).Select(r => ((string)r["regionId"]!, (int)r["entries"]!, (int)r["values"]!))];

    private static void AssertNoClearPeople(IEnumerable<string?> contents, params string[] people)
    {
        foreach (var content in contents)
            foreach (var person in people)
                Assert.False(content!.Contains(person, StringComparison.OrdinalIgnoreCase), $"'{person}' is hashed in clear: {content}");
    }

    /// <summary>What an auditor checks: each served digest is the one in the content, and SHA-256(salt || value) gives it.</summary>
    private static void AssertServedValuesCheck(IEnumerable<JObject> journal)
    {
        foreach (var entry in journal)
        {
            var content = (JObject)FundingJson.Parse((string)entry["content"]!);
            foreach (var value in Values(entry))
            {
                var digest = (string)value["digest"]!;
                Assert.Equal((string?)JsonPointer.StringAt(content, (string)value["path"]!), digest);
                if (value["erased"] is JObject) continue;
                Assert.Equal(digest, PersonalDigest.Of((string)value["salt"]!, (string)value["value"]!));
            }
        }
    }

    /// <summary>Every row of every table the erasure could touch, as text: equal snapshots mean nothing was written.</summary>
    private static List<string> Snapshot(TestSystem system) =>
        [.. new[] { "Journal", "Spending" }.SelectMany(t => system.Table(t).Query<TableEntity>().Select(r =>
            $"{t}/{r.PartitionKey}/{r.RowKey}/{r.ETag}/{string.Join(';', r.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}={r[k]}"))}")).Order(StringComparer.Ordinal)];
}
