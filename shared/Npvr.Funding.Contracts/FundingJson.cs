using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Npvr.Funding.Contracts;

/// <summary>The one serializer configuration for HTTP bodies, events and envelopes.</summary>
public static class FundingJson
{
    public static JsonSerializerSettings Settings { get; } = CreateSettings();

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>For request bodies: the same configuration, but every field must hold exactly its declared type.</summary>
    public static JsonSerializerSettings RequestSettings { get; } = CreateRequestSettings();

    /// <summary>Reads a request body already checked by <see cref="StrictJson"/>: exact types, nothing coerced.</summary>
    public static T DeserializeRequest<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, RequestSettings) ?? throw new JsonSerializationException("The JSON document is empty.");

    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException("The JSON document is empty.");

    public static JObject ToJObject(object value) => JObject.FromObject(value, Serializer);

    /// <summary>Parses text as JSON without turning ISO strings into dates or numbers into doubles.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = 32,
        };
        var token = JToken.ReadFrom(reader);
        // Trailing content after the first value is a malformed document, not something to ignore.
        if (reader.Read()) throw new JsonReaderException("Unexpected content after the JSON value.");
        return token;
    }

    private static JsonSerializerSettings CreateRequestSettings()
    {
        var settings = CreateSettings();
        settings.Converters.Insert(0, new ExactTypesConverter());
        return settings;
    }

    private static JsonSerializerSettings CreateSettings()
    {
        var settings = new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            NullValueHandling = NullValueHandling.Include,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            MaxDepth = 32,
        };
        settings.Converters.Add(new MoneyJsonConverter());
        settings.Converters.Add(new DateOnlyJsonConverter());
        settings.Converters.Add(new UtcTimestampJsonConverter());
        settings.Converters.Add(new StringEnumConverter(new KebabCaseNamingStrategy()));
        return settings;
    }
}
