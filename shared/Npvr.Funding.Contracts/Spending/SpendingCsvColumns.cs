namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The columns of a spending CSV, named as the JSON body's fields (onwardTransferTo's two fields become
/// onwardTransferName and onwardTransferKvk). The first twelve must be in the header of an import, in any order;
/// reversesEntryId and reason may be left out (a file without reversals). An export writes all fourteen in this order.
/// Names match ignoring case and surrounding spaces; an unknown or repeated column is refused.
/// </summary>
public static class SpendingCsvColumns
{
    public const string EntryId = "entryId";
    public const string ProgrammeId = "programmeId";
    public const string BookedOn = "bookedOn";
    public const string Amount = "amount";
    public const string Vat = "vat";
    public const string CompensableVat = "compensableVat";
    public const string Category = "category";
    public const string Counterparty = "counterparty";
    public const string InvoiceReference = "invoiceReference";
    public const string Description = "description";
    public const string OnwardTransferName = "onwardTransferName";
    public const string OnwardTransferKvk = "onwardTransferKvk";
    public const string ReversesEntryId = "reversesEntryId";
    public const string Reason = "reason";

    public static IReadOnlyList<string> All { get; } =
    [
        EntryId, ProgrammeId, BookedOn, Amount, Vat, CompensableVat, Category, Counterparty, InvoiceReference, Description,
        OnwardTransferName, OnwardTransferKvk, ReversesEntryId, Reason,
    ];

    public static IReadOnlyList<string> Required { get; } = [.. All.Take(12)];

    /// <summary>The column of a field as the spending rules name it ("onwardTransferTo.kvkNumber" -> onwardTransferKvk).</summary>
    public static string OfField(string field) => field switch
    {
        "onwardTransferTo" or "onwardTransferTo.name" => OnwardTransferName,
        "onwardTransferTo.kvkNumber" => OnwardTransferKvk,
        _ => field,
    };

    internal static int Order(string column) => column.Length == 0 ? -1 : IndexOf(column);

    internal static int IndexOf(string column)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
