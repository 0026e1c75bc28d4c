using System.Globalization;
using Newtonsoft.Json;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts;

/// <summary>Money travels as a string with exactly two decimals; a JSON number is refused so no float ever carries euros.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money ReadJson(JsonReader reader, Type objectType, Money existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType != JsonToken.String)
            throw new JsonSerializationException($"An amount must be a string with two decimals, e.g. \"350000.00\" (at {reader.Path}).");
        var text = (string)reader.Value!;
        return Money.TryParse(text, out var money, out var error) ? money : throw new JsonSerializationException($"{error} (at {reader.Path})");
    }

    public override void WriteJson(JsonWriter writer, Money value, JsonSerializer serializer) => writer.WriteValue(value.ToString());
}

public sealed class DateOnlyJsonConverter : JsonConverter<DateOnly>
{
    public override DateOnly ReadJson(JsonReader reader, Type objectType, DateOnly existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.String
            && DateOnly.TryParseExact((string)reader.Value!, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new JsonSerializationException($"A date must be written as yyyy-MM-dd (at {reader.Path}).");
    }

    public override void WriteJson(JsonWriter writer, DateOnly value, JsonSerializer serializer) =>
        writer.WriteValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>Timestamps are written in UTC with a Z, so two writers never disagree about the same instant.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTimeOffset ReadJson(JsonReader reader, Type objectType, DateTimeOffset existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.String
            && DateTimeOffset.TryParse((string)reader.Value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.ToUniversalTime();
        throw new JsonSerializationException($"A timestamp must be an ISO 8601 string (at {reader.Path}).");
    }

    public override void WriteJson(JsonWriter writer, DateTimeOffset value, JsonSerializer serializer) =>
        writer.WriteValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
}
