using System.Globalization;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Reads values as the Functions host encodes them. The host serialises string binding data with
/// JsonConvert.SerializeObject, so a string can arrive double-encoded ("\"abc\"") and numbers as strings ("1");
/// older hosts and the docs send plain values (custom-handlers.md section 4.0). Both forms are accepted.
/// </summary>
public static class HostValues
{
    public static string? UnwrapString(JToken? token)
    {
        if (token is null || token.Type is JTokenType.Null or JTokenType.Undefined) return null;
        if (token.Type != JTokenType.String) return token.ToString(Newtonsoft.Json.Formatting.None);
        var text = (string)token!;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"' && FundingJson.Parse(text) is JValue { Type: JTokenType.String } inner)
            return (string)inner!;
        return text;
    }

    public static long? ReadInteger(JToken? token)
    {
        if (token is JValue { Type: JTokenType.Integer } number) return (long)number;
        return long.TryParse(UnwrapString(token), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
