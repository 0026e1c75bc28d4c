using FsCheck;
using FsCheck.Fluent;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Domain.Tests.Spending;

/// <summary>Valid ledgers with text that stresses CSV: separators, quotes, line breaks, non-ASCII and formula-like starts.</summary>
internal static class SpendingGenerators
{
    private static readonly string[] Pieces = ["a", "Oost", "B.V.", ",", ";", "\"", "\"\"", " ", "é", "ß", "\U0001F600", "'", "=SUM(A1)", "-", "+31", "@", "ĳ", "中", "\\"];
    private static readonly string[] LineBreaks = ["\n", "\r\n", "\t", "\r"];

    public static Gen<string> Text(bool multiLine, int maxPieces) =>
        Gen.ListOf(Gen.Elements(multiLine ? [.. Pieces, .. LineBreaks] : Pieces))
            .Select(pieces => string.Concat(pieces.Take(maxPieces)))
            .Select(text => text.Trim().Length == 0 ? "x" + text : text);

    private static Gen<(Money Amount, Money Vat, Money CompensableVat)> Amounts { get; } =
        from amount in Gen.OneOf(Gen.Choose(1, int.MaxValue), Gen.Choose(1, 100_000), Gen.Elements(1, 121_00))
        from vat in Gen.Choose(0, amount)
        from compensable in Gen.Choose(0, vat)
        select (Money.FromCents(amount), Money.FromCents(vat), Money.FromCents(compensable));

    public static Gen<RecordSpending> Command { get; } =
        from amounts in Amounts
        from programme in Gen.Elements(SpendingFixture.Npvr, SpendingFixture.Legacy)
        from day in Gen.Choose(0, SpendingFixture.Today.DayNumber - new DateOnly(2025, 1, 1).DayNumber)
        from category in Gen.Elements(SpendingCategories.All.ToArray())
        from counterparty in Text(multiLine: false, maxPieces: 20)
        from invoice in Gen.OneOf(Gen.Constant<string?>(null), Text(multiLine: false, maxPieces: 10).Select(t => (string?)t))
        from description in Text(multiLine: true, maxPieces: 60)
        from onwardName in Text(multiLine: false, maxPieces: 20)
        from kvk in Gen.Elements<string?>(null, "12345678", "00000001")
        select new RecordSpending(Guid.NewGuid().ToString(), programme, DateOnly.FromDayNumber(new DateOnly(2025, 1, 1).DayNumber + day),
            amounts.Amount, amounts.Vat, amounts.CompensableVat, category, counterparty, invoice, description,
            category == "onward-transfer" ? new OnwardTransferInput(onwardName, kvk) : null);

    /// <summary>Entries recorded in the fixture's context, some of them reversed, in the query's order (bookedOn, entryId).</summary>
    public static Gen<List<SpendingEntry>> Ledger { get; } =
        Gen.ListOf(Command.SelectMany(
                _ => Gen.OneOf(Gen.Constant<string?>(null), Text(multiLine: true, maxPieces: 30).Select(r => (string?)r)),
                (command, reason) => (command, reason)))
            .Select(items => items.Take(40).SelectMany(item =>
            {
                var entry = SpendingFixture.Recorded(item.command);
                return item.reason is null
                    ? [entry]
                    : new[] { entry, SpendingEntries.Reverse(entry, null, item.reason, new HashSet<int>()).Reversal };
            })
            .OrderBy(e => e.BookedOn).ThenBy(e => e.EntryId.ToString("D"), StringComparer.Ordinal).ToList());
}
