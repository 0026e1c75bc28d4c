using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>
/// The caller as App Service Authentication describes it in X-MS-CLIENT-PRINCIPAL (base64 JSON with
/// auth_typ, name_typ, role_typ and claims [{typ, val}]). External requests cannot set that header in Azure.
/// </summary>
public sealed record CallerPrincipal(string Name, IReadOnlySet<string> Roles, IReadOnlySet<string> Organisations)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    private const int MaxClaims = 500;
    private static readonly string[] RoleClaimTypes = ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Null when the header is absent or unreadable: such a caller is anonymous and gets 401.</summary>
    public static CallerPrincipal? FromHeader(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue)) return null;
        JObject? json;
        try
        {
            json = FundingJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(headerValue))) as JObject;
        }
        catch (Exception e) when (e is FormatException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
        // A JSON array or string is not a principal: unreadable, so anonymous.
        return json is null ? null : FromJson(json);
    }

    private static CallerPrincipal FromJson(JObject json)
    {
        var nameType = (string?)json["name_typ"] ?? "name";
        var roleType = (string?)json["role_typ"];
        var claims = (json["claims"] as JArray ?? []).OfType<JObject>().Take(MaxClaims)
            .Select(c => (Type: (string?)c["typ"] ?? "", Value: (string?)c["val"] ?? "")).ToList();
        bool IsRole(string type) => type == roleType || RoleClaimTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
        return new CallerPrincipal(
            claims.FirstOrDefault(c => c.Type == nameType || c.Type == "name").Value ?? "unknown",
            claims.Where(c => IsRole(c.Type)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            claims.Where(c => c.Type == "organisation").Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
