using System.Globalization;
using Newtonsoft.Json;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts;

/// <summary>
/// A converter for a struct that also serves its nullable form, so optional fields (receivedAmount?, receivedOn?)
/// follow the same wire rules; Newtonsoft's <c>JsonConverter&lt;T&gt;</c> is never asked about <c>T?</c>.
/// </summary>
public abstract class StructJsonConverter<T> : JsonConverter where T : struct
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        reader.TokenType == JsonToken.Null && objectType == typeof(T?) ? null : Read(reader);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is T typed) Write(writer, typed);
        else writer.WriteNull();
    }

    protected abstract T Read(JsonReader reader);

    protected abstract void Write(JsonWriter writer, T value);
}

/// <summary>Money travels as a string with exactly two decimals; a JSON number is refused so no float ever carries euros.</summary>
public sealed class MoneyJsonConverter : StructJsonConverter<Money>
{
    protected override Money Read(JsonReader reader)
    {
        if (reader.TokenType != JsonToken.String)
            throw new JsonSerializationException($"An amount must be a string with two decimals, e.g. \"350000.00\" (at {reader.Path}).");
        var text = (string)reader.Value!;
        return Money.TryParse(text, out var money, out var error) ? money : throw new JsonSerializationException($"{error} (at {reader.Path})");
    }

    protected override void Write(JsonWriter writer, Money value) => writer.WriteValue(value.ToString());
}

public sealed class DateOnlyJsonConverter : StructJsonConverter<DateOnly>
{
    protected override DateOnly Read(JsonReader reader)
    {
        if (reader.TokenType == JsonToken.String
            && DateOnly.TryParseExact((string)reader.Value!, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new JsonSerializationException($"A date must be written as yyyy-MM-dd (at {reader.Path}).");
    }

    protected override void Write(JsonWriter writer, DateOnly value) =>
        writer.WriteValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>Timestamps are written in UTC with a Z, so two writers never disagree about the same instant.</summary>
public sealed class UtcTimestampJsonConverter : StructJsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    protected override DateTimeOffset Read(JsonReader reader)
    {
        if (reader.TokenType == JsonToken.String
            && DateTimeOffset.TryParse((string)reader.Value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.ToUniversalTime();
        throw new JsonSerializationException($"A timestamp must be an ISO 8601 string (at {reader.Path}).");
    }

    protected override void Write(JsonWriter writer, DateTimeOffset value) =>
        writer.WriteValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
}
