using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Turns an output binding value into message bodies as the host does (custom-handlers.md section 5.3):
/// an array gives one message per item; a top-level string that happens to be valid base64 becomes bytes and
/// reaches the string collector as "System.Byte[]". That trap is reproduced so code that falls into it fails here too.
/// </summary>
internal static class OutputMessages
{
    private const int MaxMessagesPerOutput = 1000;

    public static IEnumerable<string> Bodies(JToken? value)
    {
        switch (value)
        {
            case null or { Type: JTokenType.Null }:
                return [];
            case JArray array:
                if (array.Count > MaxMessagesPerOutput) throw new InvalidOperationException($"More than {MaxMessagesPerOutput} messages in one output.");
                return array.Select(ItemBody).ToList();
            case JValue { Type: JTokenType.String } text when IsBase64((string)text!):
                return ["System.Byte[]"];
            default:
                return [ItemBody(value)];
        }
    }

    private static string ItemBody(JToken item) => item.Type == JTokenType.String ? (string)item! : item.ToString(Formatting.Indented);

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out _);
    }
}
