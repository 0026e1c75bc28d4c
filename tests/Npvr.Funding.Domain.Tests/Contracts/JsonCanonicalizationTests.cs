using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class JsonCanonicalizationTests
{
    [Fact]
    public void The_published_canonicalization_vectors_hold()
    {
        var vectors = JournalVectors.Section("canonicalization").ToList();
        Assert.True(vectors.Count >= 5);
        foreach (var vector in vectors)
        {
            var canonical = JsonCanonicalization.Canonicalize((string)vector["input"]!);
            Assert.True((string)vector["canonical"]! == canonical, $"{vector["name"]}: {canonical}");
            Assert.Equal((string)vector["sha256"]!, Hashing.Sha256Hex(canonical));
            Assert.True(JsonCanonicalization.IsCanonical(canonical));
        }
    }

    [Fact]
    public void The_published_number_vectors_hold()
    {
        foreach (var vector in JournalVectors.Section("numbers"))
        {
            var bits = BinaryPrimitives.ReadUInt64BigEndian(Convert.FromHexString((string)vector["bits"]!));
            Assert.Equal((string)vector["canonical"]!, EcmaNumber.Format(BitConverter.UInt64BitsToDouble(bits)));
        }
    }

    [Fact]
    public void The_published_refusals_are_refused()
    {
        foreach (var input in ((JArray)JournalVectors.Document["refused"]!).Select(v => (string)v!))
            Assert.Throws<FormatException>(() => JsonCanonicalization.Canonicalize(input));
    }

    [Fact]
    public void Funding_json_writes_an_envelope_whose_canonical_bytes_are_the_published_ones()
    {
        // A change to the shared serializer settings that alters these bytes (names, timestamps, nulls, GUIDs) fails here.
        var digests = JournalVectors.Section("personalData").ToDictionary(v => (string)v["name"]!, v => ((string)v["salt"]!, (string)v["value"]!, (string)v["digest"]!));
        var coordinator = Guid.Parse("7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
        var at = new DateTimeOffset(2025, 1, 20, 10, 30, 0, TimeSpan.FromHours(1));
        var data = new KassierDesignated("achterhoek", "GM0222", "Gemeente Doetinchem", "gemeente", new DateOnly(2025, 1, 1),
            digests["contact-email"].Item3, at, digests["designated-by"].Item3);
        PersonalValue Kept(string path, string kind, Guid? objectId, string name) => new(path, kind, objectId, digests[name].Item1, digests[name].Item2);
        var envelope = new EventEnvelope("e-1", EventTypes.KassierDesignated, at, "achterhoek", null, "c-1", null, FundingJson.ToJObject(data),
            Actor.Person(coordinator, Guid.Parse("3f6a1c2e-8b4d-4e7f-9a0b-1c2d3e4f5a6b"), digests["coordinator-as-actor"].Item3),
            [
                Kept("/data/contactEmail", PersonalValue.EmailKind, null, "contact-email"),
                Kept("/data/designatedBy", PersonalValue.NameKind, coordinator, "designated-by"),
                Kept("/actor/name", PersonalValue.NameKind, coordinator, "coordinator-as-actor"),
            ]);
        var published = JournalVectors.Section("entries").First();

        var (content, kept) = ReceivedEnvelope.Split(FundingJson.Serialize(envelope));

        Assert.Equal((string)published["content"]!, content);
        Assert.Equal(JsonCanonicalization.Canonicalize((string)published["input"]!), JsonCanonicalization.Canonicalize(FundingJson.Serialize(envelope)));
        Assert.Equal(3, kept.Count);
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData("{\"a\": 1}", false)]
    [InlineData("{\"b\":1,\"a\":2}", false)]
    [InlineData("{\"n\":1.0}", false)]
    [InlineData("{\"s\":\"\\u00e9\"}", false)]
    [InlineData("{\"s\":\"\u00e9\"}", true)]
    [InlineData("not json", false)]
    public void Only_the_exact_canonical_text_is_canonical(string text, bool canonical) =>
        Assert.Equal(canonical, JsonCanonicalization.IsCanonical(text));

    [Fact]
    public void An_integer_a_double_holds_exactly_is_kept_and_one_beyond_is_refused()
    {
        Assert.Equal("[9007199254740992,-9007199254740992]", JsonCanonicalization.Canonicalize("[9007199254740992,-9007199254740992]"));
        Assert.Throws<FormatException>(() => JsonCanonicalization.Canonicalize("[-9007199254740993]"));
    }

    private static readonly Gen<string> Key = Gen.Elements("a", "b", "B", "aa", "a1", "_", "Z", "\u00e9", "\u20ac", "\ud83d\ude00", "\r", "data");

    private static readonly Gen<JToken> Leaf = Gen.OneOf(
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => (JToken)new JValue(f.Get)),
        Gen.Choose(-1000, 1000).Select(i => (JToken)new JValue(i)),
        Key.Select(s => (JToken)new JValue(s + "\t\"\\\u0001")),
        Gen.Constant((JToken)JValue.CreateNull()));

    private static Gen<JObject> ObjectOf(Gen<JToken> values) =>
        Gen.ListOf(Key.SelectMany(_ => values, (k, v) => (k, v))).Select(pairs =>
        {
            var obj = new JObject();
            foreach (var (k, v) in pairs) obj[k] = v.DeepClone();
            return obj;
        });

    private static readonly Gen<JObject> Nested = ObjectOf(Gen.OneOf(Leaf, ObjectOf(Leaf).Select(o => (JToken)o), Gen.ListOf(Leaf).Select(l => (JToken)new JArray(l))));

    private static JToken Reversed(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().Reverse().Select(p => new JProperty(p.Name, Reversed(p.Value)))),
        JArray array => new JArray(array.Select(Reversed)),
        _ => token.DeepClone(),
    };

    [Property]
    public Property Canonical_text_does_not_depend_on_member_order_or_whitespace_and_is_a_fixed_point() =>
        Prop.ForAll(Arb.From(Nested), obj =>
        {
            var canonical = JsonCanonicalization.Canonicalize(obj.ToString(Newtonsoft.Json.Formatting.None));
            return canonical == JsonCanonicalization.Canonicalize(Reversed(obj).ToString(Newtonsoft.Json.Formatting.Indented))
                && JsonCanonicalization.Canonicalize(canonical) == canonical
                && JsonCanonicalization.IsCanonical(canonical);
        });

    [Property]
    public Property A_number_reads_back_as_the_same_double() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NormalFloat>(), f =>
            double.Parse(EcmaNumber.Format(f.Get), NumberStyles.Float, CultureInfo.InvariantCulture) == f.Get);

    [Property]
    public Property Canonical_text_is_valid_utf8_json_that_system_text_json_reads_to_the_same_members() =>
        Prop.ForAll(Arb.From(Nested), obj =>
        {
            var canonical = JsonCanonicalization.Canonicalize(obj.ToString(Newtonsoft.Json.Formatting.None));
            using var parsed = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(canonical));
            return parsed.RootElement.EnumerateObject().Count() == obj.Count;
        });
}
