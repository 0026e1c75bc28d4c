using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Hosting.Tests.Support;

/// <summary>Invocation payloads as custom-handlers.md sections 4 and 8 describe them.</summary>
internal static class Payloads
{
    public const string RoleClaimUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>An HTTP trigger payload; <paramref name="query"/> is an object, or a JSON string as in the docs.</summary>
    public static string Http(string? principal, JToken? query = null, string? body = null, string method = "POST",
        string url = "http://localhost:7071/api/test", string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var headerObject = new JObject { ["Content-Type"] = new JArray(contentType) };
        if (principal is not null) headerObject[CallerPrincipal.HeaderName] = new JArray(principal);
        foreach (var (name, value) in headers) headerObject[name] = new JArray(value);
        var req = new JObject
        {
            ["Url"] = url,
            ["Method"] = method,
            ["Query"] = query ?? new JObject(),
            ["Headers"] = headerObject,
            ["Params"] = new JObject(),
        };
        if (body is not null) req["Body"] = body;
        return new JObject { ["Data"] = new JObject { ["req"] = req }, ["Metadata"] = new JObject() }.ToString(Formatting.None);
    }

    /// <summary>A Service Bus payload as today's host sends it: strings double-encoded, DeliveryCount a numeric string.</summary>
    public static string ServiceBusDoubleEncoded(string body, string messageId, int deliveryCount) =>
        new JObject
        {
            ["Data"] = new JObject { ["mySbMsg"] = JsonConvert.SerializeObject(body) },
            ["Metadata"] = new JObject
            {
                ["MessageId"] = JsonConvert.SerializeObject(messageId),
                ["DeliveryCount"] = deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ApplicationProperties"] = new JObject { ["tenant"] = "t1" },
                ["sys"] = Sys("OrderMessage"),
            },
        }.ToString(Formatting.None);

    /// <summary>The legacy form of the docs: plain strings and a JSON number.</summary>
    public static string ServiceBusSingleEncoded(string body, string messageId, int deliveryCount) =>
        new JObject
        {
            ["Data"] = new JObject { ["mySbMsg"] = body },
            ["Metadata"] = new JObject { ["MessageId"] = messageId, ["DeliveryCount"] = deliveryCount, ["sys"] = Sys("OrderMessage") },
        }.ToString(Formatting.None);

    private static JObject Sys(string method) => new()
    {
        ["MethodName"] = method,
        ["UtcNow"] = "2025-01-01T00:00:00Z",
        ["RandGuid"] = "00000000-0000-0000-0000-000000000000",
    };

    /// <summary>X-MS-CLIENT-PRINCIPAL: base64 of App Service Authentication's JSON.</summary>
    public static string Principal(string name, string roleType, IEnumerable<string> roles, IEnumerable<(string Type, string Value)>? otherClaims = null, string roleClaimType = "roles")
    {
        var claims = new JArray(new JObject { ["typ"] = "name", ["val"] = name });
        foreach (var role in roles) claims.Add(new JObject { ["typ"] = roleClaimType, ["val"] = role });
        foreach (var (type, value) in otherClaims ?? []) claims.Add(new JObject { ["typ"] = type, ["val"] = value });
        var json = new JObject { ["auth_typ"] = "aad", ["name_typ"] = "name", ["role_typ"] = roleType, ["claims"] = claims };
        return Base64(json.ToString(Formatting.None));
    }

    public static string Finance { get; } = Principal("finance@bzk.nl", "roles", ["Funding.Finance"]);

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Outputs.res of an envelope, and its body parsed.</summary>
    public static (JObject Res, JObject Body) Res(JObject envelope)
    {
        var res = (JObject)envelope["Outputs"]!["res"]!;
        Assert.Equal(JTokenType.String, res["body"]!.Type);
        return (res, JObject.Parse((string)res["body"]!));
    }
}
