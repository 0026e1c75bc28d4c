using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Npvr.Funding.Spending;

/// <summary>
/// Text longer than one Table property can hold, spread over "Text00".."Text14" of one row. A string property holds at
/// most 64 KiB (32,768 UTF-16 units) and a row at most 1 MiB, so 15 parts of 30,000 characters stay inside both.
/// </summary>
internal static class ChunkedText
{
    public const int MaxPartChars = 30_000;
    public const int MaxParts = 15;
    public const int MaxChars = MaxPartChars * MaxParts;

    public static TableEntity With(this TableEntity entity, string text)
    {
        if (text.Length > MaxChars) throw new InvalidOperationException($"{text.Length} characters do not fit in one row (at most {MaxChars}).");
        var parts = 0;
        for (var start = 0; start < text.Length; start += MaxPartChars)
            entity[Part(parts++)] = text.Substring(start, Math.Min(MaxPartChars, text.Length - start));
        entity["Parts"] = parts;
        return entity;
    }

    public static string TextOf(TableEntity entity)
    {
        var parts = entity.GetInt32("Parts") ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} holds no text.");
        if (parts is < 0 or > MaxParts) throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} claims {parts} parts.");
        var text = new StringBuilder(parts * MaxPartChars);
        for (var i = 0; i < parts; i++)
            text.Append(entity.GetString(Part(i)) ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} lacks part {i}."));
        return text.ToString();
    }

    private static string Part(int index) => "Text" + index.ToString("D2", CultureInfo.InvariantCulture);
}
