using System.Reflection;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.PersonalData;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>Issue 12, point 6 and issue 11, point 13: people's values sealed at the producer, kept beside the journal entry, erasable.</summary>
public class PersonalDataTests
{
    private static readonly Guid Coordinator = Guid.Parse("7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static readonly Guid Tenant = Guid.Parse("3f6a1c2e-8b4d-4e7f-9a0b-1c2d3e4f5a6b");
    private static readonly DateTimeOffset At = new(2025, 1, 20, 9, 30, 0, TimeSpan.Zero);

    private static EventEnvelope Designated() => EventEnvelope.Create(EventTypes.KassierDesignated,
        new KassierDesignated("achterhoek", "GM0222", "Gemeente Doetinchem", "gemeente", new DateOnly(2025, 1, 1), "regiokassier@doetinchem.nl", At, "Carla Coördinator"),
        At, "achterhoek", null, "c-1", null, Actor.Person(Coordinator, Tenant, "Carla Coördinator"));

    [Fact]
    public void A_producer_puts_digests_in_the_event_and_the_clear_values_beside_it()
    {
        var envelope = Designated();
        var (content, kept) = ReceivedEnvelope.Split(FundingJson.Serialize(envelope));

        Assert.DoesNotContain("regiokassier@doetinchem.nl", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Carla", content, StringComparison.Ordinal);
        Assert.Contains("Gemeente Doetinchem", content, StringComparison.Ordinal); // organisations stay in clear
        Assert.Contains(Coordinator.ToString("D"), content, StringComparison.Ordinal); // the actor's object id and tenant id are in what is hashed
        Assert.Contains(Tenant.ToString("D"), content, StringComparison.Ordinal);
        Assert.Equal(["/actor/name", "/data/contactEmail", "/data/designatedBy"], kept.Select(k => k.Path).Order(StringComparer.Ordinal));
        Assert.Equal([null, Coordinator, Coordinator], kept.OrderBy(k => k.Kind, StringComparer.Ordinal).Select(k => k.ObjectId));
        Assert.All(kept, k => Assert.Equal(32, k.Salt!.Length));
        Assert.Equal(3, kept.Select(k => k.Salt).Distinct().Count()); // a salt per value: the two copies of the name give two digests
        Assert.Null(PersonalDataCheck.Problem(content, kept));
    }

    [Fact]
    public void A_consumer_reads_the_clear_values_and_an_event_it_causes_names_the_same_actor_again_sealed()
    {
        var received = FundingJson.Deserialize<EventEnvelope>(FundingJson.Serialize(Designated()));

        var data = received.DataAs<KassierDesignated>();
        var caused = received.Causes("Answer", new { note = "caused" }, At, "achterhoek", null);

        Assert.Equal(("regiokassier@doetinchem.nl", "Carla Coördinator"), (data.ContactEmail, data.DesignatedBy));
        Assert.Equal(Actor.Person(Coordinator, Tenant, "Carla Coördinator"), received.ActingActor());
        Assert.True(PersonalDigest.IsDigest(caused.Actor!.Name));
        Assert.Equal((Coordinator, Tenant, received.EventId, "c-1"), (caused.Actor.ObjectId!.Value, caused.Actor.TenantId!.Value, caused.CausationId!, caused.CorrelationId));
        Assert.Equal("Carla Coördinator", caused.ActingActor().Name);
        Assert.NotEqual(received.Actor!.Name, caused.Actor.Name);
    }

    [Fact]
    public void A_journaled_envelope_without_its_personal_data_reads_as_digests_and_a_message_without_an_actor_is_the_systems()
    {
        var (content, _) = ReceivedEnvelope.Split(FundingJson.Serialize(Designated()));
        var journaled = FundingJson.Deserialize<EventEnvelope>(content);
        var old = FundingJson.Deserialize<EventEnvelope>("{\"eventId\":\"e\",\"type\":\"T\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"correlationId\":\"c\",\"data\":{}}");

        Assert.True(PersonalDigest.IsDigest(journaled.DataAs<KassierDesignated>().ContactEmail));
        Assert.True(PersonalDigest.IsDigest(journaled.ActingActor().Name));
        Assert.Equal(Actor.System, old.ActingActor());
    }

    [Fact]
    public void The_digest_is_sha256_of_salt_bytes_then_utf8_value()
    {
        var salt = "000102030405060708090a0b0c0d0e0f";
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. Convert.FromHexString(salt), .. "Ölçek"u8.ToArray()]));

        Assert.Equal(expected, PersonalDigest.Of(salt, "Ölçek"));
        Assert.NotEqual(PersonalDigest.Of(salt, "Ölçek"), PersonalDigest.Of("100102030405060708090a0b0c0d0e0f", "Ölçek"));
        Assert.Throws<ArgumentException>(() => PersonalDigest.Of("0001", "short salt"));
        Assert.Throws<ArgumentException>(() => PersonalDigest.Of("000102030405060708090A0B0C0D0E0F", "upper-case salt"));
        Assert.Equal(32, PersonalDigest.NewSalt().Length);
    }

    [Fact]
    public void A_value_that_does_not_hash_to_its_digest_or_an_erased_value_still_kept_is_a_problem()
    {
        var (content, kept) = ReceivedEnvelope.Split(FundingJson.Serialize(Designated()));
        var erasure = new PersonalErasure("x-1", At);

        Assert.Null(PersonalDataCheck.Problem(content, [.. kept.Select(k => k.Erase(erasure))]));
        Assert.Contains("does not hash", PersonalDataCheck.Problem(content, [kept[0] with { Value = kept[0].Value + "." }]), StringComparison.Ordinal);
        Assert.Contains("marked erased", PersonalDataCheck.Problem(content, [kept[0] with { Erased = erasure }]), StringComparison.Ordinal);
        Assert.Contains("no digest", PersonalDataCheck.Problem(content, [kept[0] with { Path = "/data/organisationName" }]), StringComparison.Ordinal);
        Assert.Contains("repeats", PersonalDataCheck.Problem(content, [kept[0], kept[0]]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_journal_refuses_personal_data_that_does_not_agree_with_the_envelope()
    {
        var sent = JObject.Parse(FundingJson.Serialize(Designated()));
        JObject With(Action<JObject> edit)
        {
            var copy = (JObject)sent.DeepClone();
            edit(copy);
            return copy;
        }

        Assert.Throws<FormatException>(() => ReceivedEnvelope.Split(With(e => e["personalData"]![0]!["value"] = "someone@else.nl").ToString()));
        Assert.Throws<FormatException>(() => ReceivedEnvelope.Split(With(e => e["personalData"]![0]!["value"] = 5).ToString()));
        Assert.Throws<FormatException>(() => ReceivedEnvelope.Split(With(e => e["personalData"]![0]!["extra"] = "x").ToString()));
        Assert.Throws<FormatException>(() => ReceivedEnvelope.Split(With(e => e["personalData"] = new JObject()).ToString()));
        Assert.Empty(ReceivedEnvelope.Split(With(e => e.Remove("personalData")).ToString()).PersonalData);
    }

    [Fact]
    public void A_format_2_entry_whose_content_holds_personal_data_does_not_verify()
    {
        var genesis = JournalV2.Genesis("achterhoek");
        var withPersonalData = JsonCanonicalization.Canonicalize(FundingJson.Serialize(Designated()));
        var entry = new JournalEntry(1, genesis.Hash, JournalV2.HashOf("achterhoek", 1, genesis.Hash, withPersonalData), withPersonalData, JournalV2.Format);
        var verifier = new ChainVerifier("achterhoek");

        verifier.Accept(entry);

        Assert.Equal(1, verifier.FirstBrokenSequence);
        Assert.Contains("personalData", verifier.FirstBrokenReason, StringComparison.Ordinal);
        Assert.DoesNotContain("personalData", JournalV2.Append("achterhoek", genesis, FundingJson.Serialize(Designated())).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_person_field_of_every_event_is_marked_personal()
    {
        // A name or e-mail address of a person added to an event without the mark would be hashed in clear, never erasable.
        var events = typeof(EventEnvelope).Assembly.GetTypes().Where(t => t.Namespace is "Npvr.Funding.Contracts" or "Npvr.Funding.Contracts.Spending" && t.IsPublic);
        var unmarked = events.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && (p.Name.EndsWith("By", StringComparison.Ordinal) || p.Name.Contains("Email", StringComparison.Ordinal) || p.Name == "DisplayName"))
                .Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is null)
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(unmarked);
        Assert.Equal(["contactEmail", "designatedBy"], PersonalDataSeal.PersonalMembersOf(typeof(KassierDesignated)));
        Assert.Equal(["recordedBy"], PersonalDataSeal.PersonalMembersOf(typeof(SpendingRecorded)));
        Assert.Equal(["displayName", "changedBy"], PersonalDataSeal.PersonalMembersOf(typeof(StaffChanged)));
    }

    [Fact]
    public void A_staff_members_name_belongs_to_the_staff_member_and_the_change_to_the_coordinator()
    {
        var staff = Guid.Parse("d4c3b2a1-f6e5-4d7c-9b8a-716253443526");
        var envelope = EventEnvelope.Create(EventTypes.StaffAuthorised, new StaffChanged("GM0222", staff, Tenant, "Kees Kassier", true, 1, At, "Carla Coördinator", null),
            At, null, null, "c", null, Actor.Person(Coordinator, Tenant, "Carla Coördinator"));

        Assert.Equal(staff, envelope.PersonalData!.Single(v => v.Path == "/data/displayName").ObjectId);
        Assert.Equal(Coordinator, envelope.PersonalData!.Single(v => v.Path == "/data/changedBy").ObjectId);
        Assert.Equal([PersonalSubject.ObjectId(staff)], KeptPersonalValue.From(envelope.PersonalData!.Single(v => v.Path == "/data/displayName")).SubjectKeys);
    }

    [Theory]
    [InlineData("7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", null, "case 2025-17", null)]
    [InlineData(null, " Regiokassier@Doetinchem.nl ", "case 2025-17", null)]
    [InlineData(null, null, "case", "erasure-subject-invalid")]
    [InlineData("7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "a@b.nl", "case", "erasure-subject-invalid")]
    [InlineData("not-a-guid", null, "case", "object-id-invalid")]
    [InlineData("00000000-0000-0000-0000-000000000000", null, "case", "object-id-invalid")]
    [InlineData(null, "no at sign", "case", "email-invalid")]
    [InlineData(null, "a@b.nl", " ", "reason-invalid")]
    [InlineData(null, "a@b.nl", "line\u0001", "reason-invalid")]
    public void An_erasure_names_exactly_one_subject_and_a_reason(string? objectId, string? email, string reason, string? refusal)
    {
        if (refusal is null)
        {
            var request = ErasureRequests.Validate(objectId, email, reason);
            Assert.Equal(email?.Trim(), request.Email);
            return;
        }
        Assert.Equal(refusal, Assert.Throws<DomainException>(() => ErasureRequests.Validate(objectId, email, reason)).Error.Type);
    }

    [Fact]
    public void An_e_mail_address_is_found_whatever_its_case_and_a_name_alone_is_found_by_nobody()
    {
        Assert.Equal(PersonalSubject.Email("regiokassier@doetinchem.nl"), PersonalSubject.Email(" RegioKassier@Doetinchem.NL"));
        Assert.Empty(PersonalSubject.KeysOf(PersonalValue.NameKind, null, "Jansen"));
        Assert.Equal(2, PersonalSubject.KeysOf(PersonalValue.EmailKind, Coordinator, "a@b.nl").Count);
    }
}
