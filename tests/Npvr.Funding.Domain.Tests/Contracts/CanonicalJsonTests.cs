using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class CanonicalJsonTests
{
    [Fact]
    public void Keys_are_sorted_ordinally_at_every_depth_without_whitespace()
    {
        var token = FundingJson.Parse("{ \"b\": 1, \"a\": { \"d\": [ { \"z\": 1, \"y\": \"2\" } ], \"c\": null }, \"B\": true }");
        Assert.Equal("{\"B\":true,\"a\":{\"c\":null,\"d\":[{\"y\":\"2\",\"z\":1}]},\"b\":1}", CanonicalJson.Write(token));
    }

    [Fact]
    public void Array_order_is_kept() =>
        Assert.Equal("[3,1,2]", CanonicalJson.Write(FundingJson.Parse("[3, 1, 2]")));

    [Fact]
    public void Amounts_and_timestamps_keep_their_text() =>
        Assert.Equal("{\"amount\":\"341322.31\",\"at\":\"2025-03-04T08:30:15.0000000Z\",\"n\":0.10}",
            CanonicalJson.Write(FundingJson.Parse("{\"n\":0.10,\"at\":\"2025-03-04T08:30:15.0000000Z\",\"amount\":\"341322.31\"}")));

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        JToken token = new JValue(1);
        for (var i = 0; i < 70; i++) token = new JArray(token);
        Assert.Throws<InvalidOperationException>(() => CanonicalJson.Write(token));
    }

    private static readonly Gen<string> Key = Gen.Elements("a", "b", "B", "aa", "a1", "_", "Z", "zz", "\u00e9", "data");

    private static readonly Gen<JToken> Leaf = Gen.OneOf(
        Gen.Choose(-1000, 1000).Select(i => (JToken)new JValue(i)),
        Key.Select(s => (JToken)new JValue(s)),
        Gen.Constant((JToken)JValue.CreateNull()));

    private static Gen<JObject> ObjectOf(Gen<JToken> values) =>
        Gen.ListOf(Key.SelectMany(_ => values, (k, v) => (k, v))).Select(pairs =>
        {
            var obj = new JObject();
            foreach (var (k, v) in pairs) obj[k] = v.DeepClone();
            return obj;
        });

    private static readonly Gen<JObject> Nested = ObjectOf(Gen.OneOf(
        Leaf,
        ObjectOf(Leaf).Select(o => (JToken)o),
        Gen.ListOf(ObjectOf(Leaf)).Select(list => (JToken)new JArray(list))));

    /// <summary>The same object with the keys of every object in reverse order.</summary>
    private static JToken Reversed(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().Reverse().Select(p => new JProperty(p.Name, Reversed(p.Value)))),
        JArray array => new JArray(array.Select(Reversed)),
        _ => token.DeepClone(),
    };

    [Property]
    public Property Canonical_text_does_not_depend_on_key_order() =>
        Prop.ForAll(Arb.From(Nested), obj => CanonicalJson.Write(obj) == CanonicalJson.Write(Reversed(obj)));

    [Property]
    public Property Canonical_text_parses_back_to_the_same_value() =>
        Prop.ForAll(Arb.From(Nested), obj => JToken.DeepEquals(obj, FundingJson.Parse(CanonicalJson.Write(obj))));
}
