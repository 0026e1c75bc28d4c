using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>
/// The caller as App Service Authentication describes it in X-MS-CLIENT-PRINCIPAL (base64 JSON with
/// auth_typ, name_typ, role_typ and claims [{typ, val}]). External requests cannot set that header in Azure.
/// The caller's organisation is not read from it: a kassier acts for an organisation only as its active staff, looked
/// up by <see cref="ObjectId"/> and <see cref="TenantId"/> (StaffProjection), so no claim can grant a region.
/// </summary>
public sealed record CallerPrincipal(string Name, IReadOnlySet<string> Roles, Guid? ObjectId, Guid? TenantId)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    private const int MaxClaims = 500;
    private static readonly string[] RoleClaimTypes = ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] ObjectIdClaimTypes = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
    private static readonly string[] TenantIdClaimTypes = ["http://schemas.microsoft.com/identity/claims/tenantid", "tid"];

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Null when the header is absent or unreadable: such a caller is anonymous and gets 401.</summary>
    public static CallerPrincipal? FromHeader(string? headerValue) => Read(headerValue).Caller;

    /// <summary>The caller, or why there is none: a 401 says whether the header was missing or unreadable.</summary>
    public static (CallerPrincipal? Caller, string? Unreadable) Read(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue)) return (null, null);
        JObject? json;
        try
        {
            json = FundingJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(headerValue))) as JObject;
        }
        catch (Exception e) when (e is FormatException or Newtonsoft.Json.JsonException)
        {
            return (null, $"{HeaderName} is not base64-encoded JSON.");
        }
        // A JSON array or string is not a principal: unreadable, so anonymous.
        return json is null ? (null, $"{HeaderName} does not hold a JSON object.") : (FromJson(json), null);
    }

    private static CallerPrincipal FromJson(JObject json)
    {
        var nameType = Text(json["name_typ"]) ?? "name";
        var roleType = Text(json["role_typ"]);
        // Claims whose type or value is not a string (an array, an object) are not claims App Service writes: ignored.
        var claims = (json["claims"] as JArray ?? []).OfType<JObject>().Take(MaxClaims)
            .Select(c => (Type: Text(c["typ"]), Value: Text(c["val"])))
            .Where(c => c.Type is not null && c.Value is not null)
            .Select(c => (Type: c.Type!, Value: c.Value!)).ToList();
        bool IsRole(string type) => type == roleType || RoleClaimTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
        return new CallerPrincipal(
            claims.FirstOrDefault(c => c.Type == nameType || c.Type == "name").Value ?? "unknown",
            claims.Where(c => IsRole(c.Type)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Id(claims, ObjectIdClaimTypes),
            Id(claims, TenantIdClaimTypes));
    }

    /// <summary>The one GUID the claims of these types hold; none when absent, malformed or contradictory.</summary>
    private static Guid? Id(List<(string Type, string Value)> claims, string[] types)
    {
        var values = claims.Where(c => types.Contains(c.Type, StringComparer.Ordinal)).Select(c => c.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return values.Count == 1 && Guid.TryParseExact(values[0], "D", out var id) && id != Guid.Empty ? id : null;
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;
}
