using System.Text;
using Newtonsoft.Json;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication would send them.</summary>
internal static class Principals
{
    public static string Coordinator => Encode("coordinator@minbzk.nl", ["Funding.Coordinator"]);
    public static string Finance => Encode("finance@minbzk.nl", ["Funding.Finance"]);
    public static string Auditor => Encode("auditor@rekenkamer.nl", ["Funding.Auditor"]);

    public static string Kassier(string organisationCode) =>
        Encode($"kassier@{organisationCode.ToLowerInvariant()}.nl", ["Funding.Kassier"], organisationCode);

    public static string Encode(string name, string[] roles, string? organisation = null)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        if (organisation is not null) claims.Add(new { typ = "organisation", val = organisation });
        var json = JsonConvert.SerializeObject(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
