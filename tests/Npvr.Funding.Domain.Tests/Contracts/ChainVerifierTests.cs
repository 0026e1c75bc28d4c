using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using static Npvr.Funding.Domain.Tests.Contracts.JournalFixture;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class ChainVerifierTests
{
    [Theory]
    [InlineData("eventId")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    [InlineData("regionId")]
    [InlineData("programmeId")]
    [InlineData("correlationId")]
    [InlineData("causationId")]
    [InlineData("data")]
    public void Changing_any_content_field_breaks_the_chain_at_that_entry(string field)
    {
        var original = Chain();
        Assert.NotNull(original[1].ContentJson().Property(field));
        var chain = With(original, 2, e => WithContent(e, c => c[field] = new JValue("changed")));
        var verifier = Verify(chain, HeadOf(original));
        Assert.False(verifier.Valid);
        Assert.Equal(2, verifier.FirstBrokenSequence);
    }

    [Fact]
    public void Changing_an_amount_inside_data_breaks_the_chain_at_that_entry()
    {
        var chain = With(Chain(), 3, e => WithContent(e, c => c["data"]!["amount"] = "341322.33"));
        Assert.Equal(3, Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void Adding_a_content_field_breaks_the_chain_at_that_entry()
    {
        var chain = With(Chain(), 4, e => WithContent(e, c => c["extra"] = true));
        Assert.Equal(4, Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void Changing_one_byte_of_content_breaks_the_chain_at_that_entry()
    {
        var chain = With(Chain(), 3, e => e with { Content = e.Content.Replace("tranche 3", "tranche 8", StringComparison.Ordinal) });
        var verifier = Verify(chain);
        Assert.Equal(3, verifier.FirstBrokenSequence);
        Assert.Contains("hash", verifier.FirstBrokenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_stored_hash_breaks_the_chain_at_that_entry()
    {
        var chain = With(Chain(), 2, e => e with { Hash = new string('a', 64) });
        var verifier = Verify(chain);
        Assert.False(verifier.Valid);
        Assert.Equal(2, verifier.FirstBrokenSequence);
    }

    [Fact]
    public void Changing_a_previous_hash_breaks_the_chain_at_that_entry() =>
        Assert.Equal(3, Verify(With(Chain(), 3, e => e with { PreviousHash = new string('b', 64) })).FirstBrokenSequence);

    [Fact]
    public void Rewriting_an_entry_and_rehashing_it_breaks_the_next_link()
    {
        var chain = With(Chain(), 2, e =>
        {
            var content = WithContent(e, c => c["data"]!["amount"] = "1.00").Content;
            return e with { Content = content, Hash = JournalV2.HashOf(RegionName, e.Sequence, e.PreviousHash, content) };
        });
        Assert.Equal(3, Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void Removing_a_middle_entry_breaks_the_chain_at_its_sequence()
    {
        var original = Chain();
        var verifier = Verify(original.Where(e => e.Sequence != 2), HeadOf(original));
        Assert.False(verifier.Valid);
        Assert.Equal(2, verifier.FirstBrokenSequence);
        Assert.Equal(3, verifier.Entries);
    }

    [Fact]
    public void Swapping_two_entries_breaks_the_chain_at_the_first_of_them()
    {
        var original = Chain();
        Assert.Equal(2, Verify([original[0], original[2], original[1], original[3]]).FirstBrokenSequence);
    }

    [Fact]
    public void Removing_the_last_entry_shows_against_the_recorded_head()
    {
        var original = Chain();
        var verifier = Verify(original.Take(3), HeadOf(original));
        Assert.False(verifier.Valid);
        Assert.Equal(4, verifier.FirstBrokenSequence);
    }

    [Fact]
    public void Entry_appended_behind_the_recorded_head_shows_at_its_sequence()
    {
        var original = Chain();
        Assert.Equal(4, Verify(original, new ChainHead(3, original[2].Hash)).FirstBrokenSequence);
    }

    [Fact]
    public void Recorded_head_with_another_hash_shows_at_the_last_entry()
    {
        var verifier = Verify(Chain(), new ChainHead(4, new string('c', 64)));
        Assert.False(verifier.Valid);
        Assert.Equal(4, verifier.FirstBrokenSequence);
    }

    [Fact]
    public void Only_the_first_break_is_reported()
    {
        var chain = With(With(Chain(), 2, e => e with { Hash = new string('a', 64) }), 4, e => e with { PreviousHash = new string('b', 64) });
        var verifier = Verify(chain, new ChainHead(9, new string('c', 64)));
        Assert.Equal(2, verifier.FirstBrokenSequence);
        Assert.Equal(4, verifier.Entries);
    }
}
