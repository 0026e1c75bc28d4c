using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Domain.Tests.Spending;

/// <summary>A region taking part in NPVR from 2025 (2024 closed for a legacy programme), and a valid entry to vary.</summary>
internal static class SpendingFixture
{
    public const string Npvr = "npvr-procesmiddelen";
    public const string Legacy = "regio-deal-achterhoek";
    public static readonly DateOnly Today = new(2026, 3, 14);

    public static SpendingContext Context(params int[] closedNpvrYears) => new("achterhoek", Today,
    [
        new SpendingProgramme(Npvr, 2025, closedNpvrYears.ToHashSet()),
        new SpendingProgramme(Legacy, 2020, new HashSet<int> { 2024 }),
    ]);

    public static RecordSpending Valid(Guid? entryId = null) => new(
        (entryId ?? Guid.NewGuid()).ToString(),
        Npvr,
        new DateOnly(2025, 6, 30),
        Money.Parse("1210.00"),
        Money.Parse("210.00"),
        Money.Parse("210.00"),
        "process-guidance",
        "Adviesbureau Oost B.V.",
        "INV-2025-0042",
        "Procesbegeleiding werkateliers juni",
        null);

    public static RecordSpending OnwardTransfer(Guid? entryId = null) => Valid(entryId) with
    {
        Category = "onward-transfer",
        Vat = Money.Zero,
        CompensableVat = Money.Zero,
        OnwardTransferTo = new OnwardTransferInput("Regio Achterhoek (Wgr)", "12345678"),
    };

    public static SpendingEntry Recorded(RecordSpending? command = null, SpendingContext? context = null) =>
        SpendingEntries.Record(command ?? Valid(), context ?? Context()).ValueOrThrow();
}
