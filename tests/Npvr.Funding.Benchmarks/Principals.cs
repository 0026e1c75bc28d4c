using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Benchmarks;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication sends them, and each region's kassier.</summary>
internal static class Principals
{
    public static string Coordinator { get; } = Encode("coordinator@minbzk.nl", "Funding.Coordinator");
    public static string Finance { get; } = Encode("finance@minbzk.nl", "Funding.Finance");
    public static string Auditor { get; } = Encode("auditor@rekenkamer.nl", "Funding.Auditor");

    private static readonly Dictionary<string, string> Kassiers = Regions.All.ToDictionary(r => r.Id, r => Encode($"kassier@{KassierCodeOf(r.Id).ToLowerInvariant()}.nl", "Funding.Kassier", KassierCodeOf(r.Id)), StringComparer.Ordinal);

    /// <summary>Gemeente GM9000 + the region's place in the list.</summary>
    public static string KassierCodeOf(string regionId) =>
        string.Create(CultureInfo.InvariantCulture, $"GM{9000 + Regions.All.ToList().FindIndex(r => r.Id == regionId):D4}");

    public static string KassierOf(string regionId) => Kassiers[regionId];

    private static string Encode(string name, string role, string? organisation = null)
    {
        var claims = new List<object> { new { typ = "name", val = name }, new { typ = "roles", val = role } };
        if (organisation is not null) claims.Add(new { typ = "organisation", val = organisation });
        var json = JsonConvert.SerializeObject(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
