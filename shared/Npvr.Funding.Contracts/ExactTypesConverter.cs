using Newtonsoft.Json;

namespace Npvr.Funding.Contracts;

/// <summary>
/// For request bodies only: a value is read as the type the field declares, or refused. Newtonsoft would otherwise
/// turn 2025 into "2025", "2025" into 2025, "21" into 21m and "true" into true, so a client bug would pass unseen.
/// </summary>
public sealed class ExactTypesConverter : JsonConverter
{
    public override bool CanWrite => false;

    public override bool CanConvert(Type objectType)
    {
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        return type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(bool);
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (reader.TokenType == JsonToken.Null)
            return objectType.IsValueType && Nullable.GetUnderlyingType(objectType) is null ? throw Wrong(reader, "a value") : null;
        if (type == typeof(string))
            return reader.TokenType == JsonToken.String ? (string)reader.Value! : throw Wrong(reader, "a string");
        if (type == typeof(bool))
            return reader.TokenType == JsonToken.Boolean ? (bool)reader.Value! : throw Wrong(reader, "true or false");
        if (type == typeof(decimal))
            return reader.TokenType is JsonToken.Integer or JsonToken.Float ? Convert.ToDecimal(reader.Value, System.Globalization.CultureInfo.InvariantCulture) : throw Wrong(reader, "a number");
        if (reader.TokenType != JsonToken.Integer) throw Wrong(reader, "a whole number");
        try
        {
            // Boxed as the declared type: a ternary would widen both to long.
            if (type == typeof(int)) return Convert.ToInt32(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
            return Convert.ToInt64(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Wrong(reader, "a whole number in range");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException("Only reads request bodies.");

    private static JsonSerializationException Wrong(JsonReader reader, string expected) =>
        new($"{reader.Path} must be {expected}.");
}
