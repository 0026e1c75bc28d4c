using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Domain.Statements;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class SpendingEventsTests
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void SpendingRecorded_travels_with_amounts_as_strings_a_kebab_category_and_iso_dates()
    {
        var entry = Recorded(OnwardTransfer(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")));
        var recorded = SpendingRecorded.From(entry, At, "GM0222");

        var json = FundingJson.ToJObject(recorded);

        Assert.Equal("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", (string?)json["entryId"]);
        Assert.Equal("onward-transfer", (string?)json["category"]);
        Assert.Equal("1210.00", (string?)json["amount"]);
        Assert.Equal(JTokenType.String, json["compensableVat"]!.Type);
        Assert.Equal("2025-06-30", (string?)json["bookedOn"]);
        Assert.Equal("12345678", (string?)json["onwardTransferTo"]!["kvkNumber"]);
        Assert.Equal("2025-07-01T08:30:00.0000000Z", (string?)json["recordedAt"]);
        Assert.Equal(recorded, FundingJson.Deserialize<SpendingRecorded>(FundingJson.Serialize(recorded)));
        Assert.Equal(entry, FundingJson.Deserialize<SpendingRecorded>(FundingJson.Serialize(recorded)).ToEntry());
    }

    [Fact]
    public void Every_category_reads_back_from_its_wire_name()
    {
        foreach (var name in SpendingCategories.All)
        {
            Assert.True(SpendingCategories.TryParse(name, out var category));
            Assert.Equal($"\"{name}\"", FundingJson.Serialize(category));
            Assert.Equal(category, FundingJson.Deserialize<SpendingCategory>($"\"{name}\""));
        }
    }

    [Fact]
    public void SpendingReversed_carries_the_negated_figures_and_rebuilds_the_reversal_from_its_original()
    {
        var original = Recorded();
        var reversal = SpendingEntries.Reverse(original, null, "fout", new HashSet<int>()).Reversal;

        var reversed = FundingJson.Deserialize<SpendingReversed>(FundingJson.Serialize(SpendingReversed.From(reversal, At, "GM0222")));

        Assert.Equal(("-1210.00", original.EntryId), (reversed.Amount.ToString(), reversed.ReversesEntryId));
        Assert.Equal(reversal, reversed.ToEntry(original));
        Assert.Equal(new SpendingReversedFact(SpendingFixture.Npvr, 2025, reversal.EntryId, original.EntryId, reversal.Amount, reversal.CompensableVat), reversed.ToFact());
        Assert.Throws<ArgumentException>(() => SpendingRecorded.From(reversal, At, "GM0222"));
        Assert.Throws<ArgumentException>(() => SpendingReversed.From(original, At, "GM0222"));
    }

    [Fact]
    public void The_statement_facts_of_journal_events_are_read_from_their_envelopes()
    {
        var entry = Recorded();
        var envelope = EventEnvelope.Create(EventTypes.SpendingRecorded, SpendingRecorded.From(entry, At, "GM0222"), At, "achterhoek", SpendingFixture.Npvr, "c", null, Actor.System);

        Assert.Equal(new SpendingRecordedFact(SpendingFixture.Npvr, 2025, entry.EntryId, entry.Amount, entry.CompensableVat), StatementFactsFromEvents.Of(envelope));
        Assert.Null(StatementFactsFromEvents.Of(EventEnvelope.Create(EventTypes.KassierDesignated, new { }, At, "achterhoek", null, "c", null, Actor.System)));
    }
}
