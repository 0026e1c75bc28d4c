using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Domain.Tests.Statements;

/// <summary>
/// The Achterhoek 2025 story as journal events, made by the real deciders: the estimate of 50,000.00 VAT-bearing
/// spend at 21% (BCF deposit 8,677.69, net 341,322.31), one tranche issued and received in full, six entries of
/// together 120,000.00 incl. 8,000.00 compensable VAT, and the reversal of the 1,000.00 entry (no VAT) among them.
/// </summary>
internal static class AchterhoekStory
{
    public const string Programme = "npvr-procesmiddelen";
    public const string RegionId = "achterhoek";
    public const string TrancheId = "npvr-procesmiddelen-2025-achterhoek-1";
    public static readonly DateTimeOffset At = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public static readonly SpendingContext Context = new(RegionId, new DateOnly(2026, 12, 31), [new SpendingProgramme(Programme, 2025, new HashSet<int>())]);

    public static IReadOnlyList<EventEnvelope> Events2025()
    {
        var programme = new Programme(Programme, "NPVR procesmiddelen", "DU", "Gemeentefonds", [2025, 2026, 2027], [RegionId], Money.Parse("350000.00"));
        var allocation = Allocations.Determine(programme, 2025, RegionId, AllocationState.Initial(programme.GrossPerRegionPerYear),
            new VatEstimate(null, Money.Parse("50000.00"), 21m));
        var events = new List<EventEnvelope>
        {
            Envelope(EventTypes.AllocationDetermined, new AllocationDetermined(Programme, 2025, RegionId, allocation.Gross,
                allocation.CompensableVatEstimate!.Value, allocation.NetDu, allocation.BcfDeposit, allocation.Version)),
            Envelope(EventTypes.TrancheIssued, new TrancheIssued(TrancheId, Programme, 2025, RegionId, "GM0222", allocation.NetDu, allocation.BcfDeposit, At, allocation.Version, 1, "Gemeentefonds", null, "regular", null)),
            Envelope(EventTypes.TrancheReceived, new TrancheReceived(TrancheId, Programme, 2025, RegionId, "GM0222", allocation.NetDu,
                new DateOnly(2025, 4, 1), "NL-BZK-2025-0001")),
        };
        var entries = Entries2025();
        events.AddRange(entries.Select(e => Envelope(EventTypes.SpendingRecorded, SpendingRecorded.From(e, At, "GM0222"))));
        var reversal = SpendingEntries.Reverse(entries[^1], null, "Dubbel geboekt", new HashSet<int>()).Reversal;
        events.Add(Envelope(EventTypes.SpendingReversed, SpendingReversed.From(reversal, At, "GM0222")));
        return events;
    }

    public static IReadOnlyList<SpendingEntry> Entries2025() =>
    [
        Entry("personnel", "70000.00", "0.00", "0.00"),
        Entry("process-guidance", "24200.00", "4200.00", "4200.00"),
        Entry("research", "18150.00", "3150.00", "3150.00"),
        Entry("participation", "4114.00", "714.00", "650.00"),
        Entry("monitoring", "2536.00", "0.00", "0.00"),
        Entry("other", "1000.00", "0.00", "0.00"),
    ];

    /// <summary>The fact an event of the story carries, as Spending reads it from the journal.</summary>
    public static StatementFact? FactOf(EventEnvelope envelope) => StatementFactsFromEvents.Of(envelope);

    public static EventEnvelope Envelope(string type, object data) =>
        EventEnvelope.Create(type, data, At, RegionId, Programme, "story", null, Actor.System);

    private static SpendingEntry Entry(string category, string amount, string vat, string compensableVat) =>
        SpendingEntries.Record(new RecordSpending(Guid.NewGuid().ToString(), Programme, new DateOnly(2025, 9, 1), Money.Parse(amount), Money.Parse(vat),
            Money.Parse(compensableVat), category, "Leverancier", null, $"Achterhoek 2025 {category}", null), Context).ValueOrThrow();
}
