using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using static Npvr.Funding.Domain.Tests.Contracts.JournalFixture;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class JournalChainTests
{
    [Fact]
    public void First_entry_links_to_the_genesis_of_its_region()
    {
        var first = Chain(1)[0];
        var genesis = Hashing.Sha256Hex("npvr-funding/journal\nformat:2\nregion:achterhoek\ngenesis");
        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, first.Format);
        Assert.Equal(genesis, first.PreviousHash);
        Assert.Equal(Hashing.Sha256Hex($"npvr-funding/journal\nformat:2\nregion:achterhoek\nsequence:1\nprevious:{genesis}\n{first.Content}"), first.Hash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void Every_region_has_its_own_genesis() =>
        Assert.Equal(Regions.All.Count, Regions.All.Select(r => JournalV2.Genesis(r.Id).Hash).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Each_entry_links_to_the_hash_before_it()
    {
        var chain = Chain();
        Assert.Equal([1L, 2L, 3L, 4L], chain.Select(e => e.Sequence));
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
        Assert.Equal(4, chain.Select(e => e.Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Content_is_the_canonical_json_of_the_envelope_alone()
    {
        var content = Chain(1)[0].Content;
        Assert.Equal(
            "{\"actor\":{\"kind\":\"system\",\"name\":\"npvr-funding\",\"objectId\":null,\"tenantId\":null},\"causationId\":null,\"correlationId\":\"correlation-1\",\"data\":{\"amount\":\"341322.32\",\"note\":\"tranche 1\"},\"eventId\":\"event-1\"," +
            "\"occurredAt\":\"2025-04-01T08:00:00.0000000Z\",\"programmeId\":\"npvr\",\"regionId\":\"achterhoek\",\"type\":\"TrancheIssued\"}", content);
    }

    [Fact]
    public void Members_no_type_knows_are_kept_in_what_is_hashed()
    {
        var received = "{ \"eventId\": \"e-9\", \"type\": \"TrancheIssued\", \"addedByANewerProducer\": { \"z\": 1, \"a\": [true, 1.50] }, \"data\": {} }";
        var entry = JournalV2.Append(RegionName, JournalV2.Genesis(RegionName), received);
        Assert.Equal("{\"addedByANewerProducer\":{\"a\":[true,1.5],\"z\":1},\"data\":{},\"eventId\":\"e-9\",\"type\":\"TrancheIssued\"}", entry.Content);
        Assert.True(Verify([entry], HeadOf([entry])).Valid);
    }

    [Fact]
    public void Appended_chain_verifies_with_its_recorded_head()
    {
        var chain = Chain();
        var verifier = Verify(chain, HeadOf(chain));
        Assert.True(verifier.Valid, verifier.FirstBrokenReason);
        Assert.Null(verifier.FirstBrokenSequence);
        Assert.Equal(4, verifier.Entries);
        Assert.Equal(chain[^1].Hash, verifier.HeadHash);
    }

    [Fact]
    public void Empty_chain_with_the_genesis_head_verifies()
    {
        var verifier = Verify([], JournalV2.Genesis(RegionName));
        Assert.True(verifier.Valid);
        Assert.Equal(0, verifier.Entries);
        Assert.Equal(JournalV2.Genesis(RegionName).Hash, verifier.HeadHash);
    }

    [Fact]
    public void The_same_content_written_another_way_is_not_what_was_hashed()
    {
        var chain = With(Chain(), 2, e => e with { Content = new JObject(e.ContentJson().Properties().Reverse()).ToString(Formatting.Indented) });
        var verifier = Verify(chain, HeadOf(chain));
        Assert.Equal(2, verifier.FirstBrokenSequence);
        Assert.Contains("canonical", verifier.FirstBrokenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_that_is_not_json_breaks_the_chain_there() =>
        Assert.Equal(3, Verify(With(Chain(), 3, e => e with { Content = "{not json" })).FirstBrokenSequence);

    [Fact]
    public void A_chain_copied_from_another_region_breaks_at_its_first_entry()
    {
        var twente = Chain(4, "twente");
        Assert.True(Verify(twente, HeadOf(twente), "twente").Valid);
        var verifier = Verify(twente, HeadOf(twente), RegionName);
        Assert.Equal(1, verifier.FirstBrokenSequence);
        Assert.Contains("genesis of achterhoek", verifier.FirstBrokenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copied_entry_relinked_to_this_regions_genesis_still_names_its_own_region_in_the_hash()
    {
        var copied = Chain(1, "twente")[0] with { PreviousHash = JournalV2.Genesis(RegionName).Hash };
        Assert.Equal(1, Verify([copied]).FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_moved_to_another_sequence_breaks_even_when_relinked()
    {
        var chain = Chain(3);
        var moved = chain[2] with { Sequence = 2, PreviousHash = chain[0].Hash };
        Assert.Equal(2, Verify([chain[0], moved]).FirstBrokenSequence);
    }

    [Fact]
    public void A_journal_begun_in_format_1_verifies_and_continues_in_format_2()
    {
        var chain = MixedChain(2, 2);
        Assert.Equal([1, 1, 2, 2], chain.Select(e => e.Format));
        Assert.Equal(new string('0', 64), chain[0].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        var verifier = Verify(chain, HeadOf(chain));
        Assert.True(verifier.Valid, verifier.FirstBrokenReason);
    }

    [Fact]
    public void A_format_1_entry_never_passes_as_format_2()
    {
        var chain = With(MixedChain(3, 0), 2, e => e with { Format = 2 });
        Assert.Equal(2, Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void A_format_2_entry_never_passes_as_format_1()
    {
        var chain = With(Chain(2), 1, e => e with { Format = 1 });
        Assert.Equal(1, Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void A_format_1_entry_after_format_2_breaks_the_chain_there()
    {
        var chain = MixedChain(1, 1).ToList();
        var downgraded = JournalV1.Append(HeadOf(chain), Envelope(3));
        var verifier = Verify([.. chain, downgraded]);
        Assert.Equal(3, verifier.FirstBrokenSequence);
        Assert.Contains("format-1 entry after a format-2", verifier.FirstBrokenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_breaks_the_chain_there() =>
        Assert.Equal(2, Verify(With(Chain(), 2, e => e with { Format = 3 })).FirstBrokenSequence);
}
