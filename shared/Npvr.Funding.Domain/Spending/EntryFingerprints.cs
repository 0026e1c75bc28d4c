using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// A short, stable digest of everything an entry records, so an import can tell "this exact entry is stored already"
/// from "another entry uses this id" by reading one small column instead of the whole row. SHA-256, lower-case hex,
/// over the UTF-8 of every field in declaration order, each written as its length (UTF-16 units), a colon and its text (invariant formats,
/// amounts in cents, a missing value as "-"), so no two different entries share the text that is hashed.
/// </summary>
public static class EntryFingerprints
{
    public static string Of(SpendingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(256);
        foreach (var field in Fields(entry))
        {
            if (field is null) text.Append('-');
            else text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IEnumerable<string?> Fields(SpendingEntry e)
    {
        yield return e.EntryId.ToString("D");
        yield return e.RegionId;
        yield return e.ProgrammeId;
        yield return e.BookedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return e.Amount.Cents.ToString(CultureInfo.InvariantCulture);
        yield return e.Vat.Cents.ToString(CultureInfo.InvariantCulture);
        yield return e.CompensableVat.Cents.ToString(CultureInfo.InvariantCulture);
        yield return e.Category.WireName();
        yield return e.Counterparty;
        yield return e.InvoiceReference;
        yield return e.Description;
        yield return e.OnwardTransferTo?.Name;
        yield return e.OnwardTransferTo?.KvkNumber;
        yield return e.ReversesEntryId?.ToString("D");
        yield return e.Reason;
    }
}
