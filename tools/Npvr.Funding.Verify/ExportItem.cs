using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Verify;

/// <summary>
/// One item of an export as the verifier needs it: the journal entry (null when the item is not one) and the personal
/// values served beside it, either read (<see cref="Personal"/>, the usual shape) or as the JSON they came as
/// (<see cref="PersonalToken"/>, anything else: checked by the rules that name exactly what is wrong with it).
/// </summary>
internal sealed record ExportItem(JournalEntry? Entry, IReadOnlyList<(KeptPersonalValue Value, string? Digest)>? Personal, JToken? PersonalToken)
{
    /// <summary>An item of a parsed array: the Newtonsoft rules, as the verifier has always read them.</summary>
    public static ExportItem FromToken(JToken item) =>
        new(EntryOf(item), null, (item as JObject)?["personalData"]);

    /// <summary>
    /// An item's UTF-8 JSON (already checked to be JSON by the file's reader), read without building a tree; an item of
    /// an unusual shape (a string that is not valid Unicode, personal values not as the route serves them) is read by
    /// <see cref="FromToken"/> instead, so both ways give the same answer.
    /// </summary>
    public static ExportItem Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return TryRead(json) ?? Slow(json);
        }
        catch (InvalidOperationException)
        {
            return Slow(json); // a string that does not decode: Newtonsoft reads what the old whole-file read read
        }
    }

    private static ExportItem Slow(ReadOnlySpan<byte> json) => FromToken(FundingJson.Parse(Encoding.UTF8.GetString(json)));

    private static ExportItem? TryRead(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return new ExportItem(null, null, null);
        long? sequence = null;
        int? format = null;
        string? previous = null, hash = null, content = null;
        List<(KeptPersonalValue, string?)>? personal = null;
        // A member name appearing twice: the last one counts, as in a Newtonsoft JObject. Each Read consumes input.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sequence"u8)) sequence = Integer(ref reader);
            else if (reader.ValueTextEquals("format"u8)) format = Integer(ref reader) is { } f and >= int.MinValue and <= int.MaxValue ? (int)f : null;
            else if (reader.ValueTextEquals("previousHash"u8)) previous = Text(ref reader);
            else if (reader.ValueTextEquals("hash"u8)) hash = Text(ref reader);
            else if (reader.ValueTextEquals("content"u8)) content = Text(ref reader);
            else if (reader.ValueTextEquals("personalData"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) personal = null;
                else if (PersonalValues(ref reader) is { } values) personal = values;
                else return null;
            }
            else reader.Skip(); // "entry", the envelope for reading, and anything else: not checked
        }
        var entry = sequence is { } s && format is { } fm && previous is not null && hash is not null && content is not null
            ? new JournalEntry(s, previous, hash, content, fm)
            : null;
        return new ExportItem(entry, personal, null);
    }

    /// <summary>The member's value if it is a JSON integer (Newtonsoft's Integer: no fraction or exponent) that fits a long; otherwise null.</summary>
    private static long? Integer(ref Utf8JsonReader reader)
    {
        reader.Read();
        long? integer = reader.TokenType == JsonTokenType.Number && reader.ValueSpan.IndexOfAny(".eE"u8) < 0 && reader.TryGetInt64(out var value) ? value : null;
        reader.Skip(); // an object or array: past its end
        return integer;
    }

    /// <summary>The member's value if it is a string; otherwise null.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        reader.Read();
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        reader.Skip();
        return text;
    }

    /// <summary>The served values in the route's shape; null for anything else (read then by the rules that name it).</summary>
    private static List<(KeptPersonalValue, string?)>? PersonalValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return null;
        var values = new List<(KeptPersonalValue, string?)>();
        // Each Read consumes input; past MaxPerEvent values the other rules name the excess.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (values.Count == PersonalValue.MaxPerEvent || PersonalValueOf(ref reader) is not { } value) return null;
            values.Add(value);
        }
        return values;
    }

    private static (KeptPersonalValue, string?)? PersonalValueOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? path = null, kind = null, objectId = null, digest = null, salt = null, value = null;
        PersonalErasure? erased = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("erased"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) erased = null;
                else if (Erasure(ref reader) is { } erasure) erased = erasure;
                else return null;
                continue;
            }
            ref var target = ref path;
            if (reader.ValueTextEquals("path"u8)) target = ref path;
            else if (reader.ValueTextEquals("kind"u8)) target = ref kind;
            else if (reader.ValueTextEquals("objectId"u8)) target = ref objectId;
            else if (reader.ValueTextEquals("digest"u8)) target = ref digest;
            else if (reader.ValueTextEquals("salt"u8)) target = ref salt;
            else if (reader.ValueTextEquals("value"u8)) target = ref value;
            else
            {
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return null;
            target = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        Guid? id = null;
        if (objectId is not null)
        {
            if (!Guid.TryParseExact(objectId, "D", out var g)) return null;
            id = g;
        }
        return path is null || kind is null ? null : (new KeptPersonalValue(path, kind, id, salt, value, erased), digest);
    }

    private static PersonalErasure? Erasure(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? erasureId = null, erasedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("erasureId"u8);
            var isAt = !isId && reader.ValueTextEquals("erasedAt"u8);
            reader.Read();
            if (!isId && !isAt)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return null;
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (isId) erasureId = text;
            else erasedAt = text;
        }
        return erasureId is not null && erasedAt is not null
            && DateTimeOffset.TryParse(erasedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? new PersonalErasure(erasureId, at)
                : null;
    }

    private static JournalEntry? EntryOf(JToken item) =>
        item is JObject o
        && o["sequence"] is { Type: JTokenType.Integer } sequence
        && o["format"] is { Type: JTokenType.Integer } format
        && o["previousHash"] is { Type: JTokenType.String } previous
        && o["hash"] is { Type: JTokenType.String } hash
        && o["content"] is { Type: JTokenType.String } content
            ? new JournalEntry((long)sequence, (string)previous!, (string)hash!, (string)content!, (int)format)
            : null;
}
