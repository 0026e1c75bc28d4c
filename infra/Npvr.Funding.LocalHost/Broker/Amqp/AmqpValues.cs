using Microsoft.Azure.Amqp.Encoding;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>Conversions between AMQP maps and the emulator's property dictionaries.</summary>
internal static class AmqpValues
{
    /// <summary>Guards every map walked on a request's behalf (a property map of Service Bus has far fewer entries).</summary>
    public const int MaxMapEntries = 1000;

    /// <summary>Entries of an AMQP map (or restricted map) as string-keyed properties; null when there are none.</summary>
    public static Dictionary<string, object>? ToProperties(IEnumerable<KeyValuePair<MapKey, object>>? map, Func<string, bool>? include = null)
    {
        if (map is null)
        {
            return null;
        }

        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach ((MapKey key, object value) in map.Take(MaxMapEntries))
        {
            string name = key.Key?.ToString() ?? string.Empty;
            if (value is not null && (include is null || include(name)))
            {
                properties[name] = value;
            }
        }

        return properties.Count == 0 ? null : properties;
    }

    /// <summary>A property value as AMQP can encode it (values that came from AMQP already are).</summary>
    public static object ToAmqp(object value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime,
        TimeSpan span => span.Ticks,
        Uri uri => uri.ToString(),
        _ => value,
    };
}
