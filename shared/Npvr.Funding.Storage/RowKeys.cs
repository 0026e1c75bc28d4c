using System.Globalization;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// Row kinds share a partition so one transaction can write them together; a prefix tells them apart.
/// '|' sorts before '}', so [prefix|, prefix}) is the range of one kind.
/// </summary>
public static class RowKeys
{
    public const string EventPrefix = "evt|";
    public const string IdempotencyPrefix = "idem|";
    public const string InboxPrefix = "inbox|";

    public static string Event(string eventId) => EventPrefix + eventId;

    public static string Idempotency(string key) => IdempotencyPrefix + Sha256Hex(key);

    public static string Inbox(string consumer, string eventId) => $"{InboxPrefix}{consumer}|{eventId}";

    /// <summary>Zero-padded so string order is numeric order.</summary>
    public static string Sequence(string prefix, long sequence) => prefix + "|" + sequence.ToString("D12", CultureInfo.InvariantCulture);

    public static string RangeFilter(string prefix) =>
        $"RowKey ge '{prefix}' and RowKey lt '{prefix[..^1]}{(char)(prefix[^1] + 1)}'";

    public static string Sha256Hex(string text) => Hashing.Sha256Hex(text);
}
