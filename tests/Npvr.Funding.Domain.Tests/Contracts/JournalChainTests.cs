using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using static Npvr.Funding.Domain.Tests.Contracts.JournalFixture;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class JournalChainTests
{
    [Fact]
    public void First_entry_links_to_the_genesis_hash()
    {
        var first = Chain(1)[0];
        Assert.Equal(1, first.Sequence);
        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Equal(Hashing.Sha256Hex(new string('0', 64) + first.Content), first.Hash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void Each_entry_links_to_the_hash_before_it()
    {
        var chain = Chain();
        Assert.Equal([1L, 2L, 3L, 4L], chain.Select(e => e.Sequence));
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
        Assert.Equal(4, chain.Select(e => e.Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Content_is_the_canonical_json_of_sequence_and_envelope()
    {
        var content = Chain(1)[0].Content;
        Assert.StartsWith("{\"causationId\":null,\"correlationId\":\"correlation-1\",\"data\":{\"amount\":\"341322.32\",\"note\":\"tranche 1\"},\"eventId\":\"event-1\"", content, StringComparison.Ordinal);
        Assert.Contains("\"occurredAt\":\"2025-04-01T08:00:00.0000000Z\"", content, StringComparison.Ordinal);
        Assert.EndsWith("\"sequence\":1,\"type\":\"TrancheIssued\"}", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Appended_chain_verifies_with_its_recorded_head()
    {
        var chain = Chain();
        var verifier = Verify(chain, HeadOf(chain));
        Assert.True(verifier.Valid);
        Assert.Null(verifier.FirstBrokenSequence);
        Assert.Equal(4, verifier.Entries);
        Assert.Equal(chain[^1].Hash, verifier.HeadHash);
    }

    [Fact]
    public void Empty_chain_with_the_genesis_head_verifies()
    {
        var verifier = Verify([], ChainHead.Genesis);
        Assert.True(verifier.Valid);
        Assert.Equal(0, verifier.Entries);
        Assert.Equal(ChainHead.Genesis.Hash, verifier.HeadHash);
    }

    [Fact]
    public void Same_content_with_keys_in_another_order_and_whitespace_still_verifies()
    {
        var chain = With(Chain(), 2, e =>
        {
            var reordered = new JObject(e.ContentJson().Properties().Reverse());
            return e with { Content = reordered.ToString(Formatting.Indented) };
        });
        Assert.NotEqual(Chain()[1].Content, chain[1].Content);
        Assert.True(Verify(chain, HeadOf(chain)).Valid);
    }

    [Fact]
    public void Content_that_is_not_json_breaks_the_chain_there() =>
        Assert.Equal(3, Verify(With(Chain(), 3, e => e with { Content = "{not json" })).FirstBrokenSequence);
}
