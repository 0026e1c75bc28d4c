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

    /// <summary>The Entra tenant of every benchmark person.</summary>
    public static readonly Guid Tenant = Guid.Parse("5c0e2f7a-3b1d-4e8f-9a6b-2c4d6e8f0a1b");

    private static readonly Dictionary<string, string> Kassiers = Regions.All.ToDictionary(r => r.Id, r => Encode($"kassier@{KassierCodeOf(r.Id).ToLowerInvariant()}.nl", "Funding.Kassier", StaffObjectIdOf(r.Id)), StringComparer.Ordinal);

    /// <summary>The kassier of a region acts as staff of its organisation (issue 11): a fixed object id per region.</summary>
    public static Guid StaffObjectIdOf(string regionId) =>
        new(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("benchmark kassier of " + regionId)));

    /// <summary>Gemeente GM9000 + the region's place in the list.</summary>
    public static string KassierCodeOf(string regionId) =>
        string.Create(CultureInfo.InvariantCulture, $"GM{9000 + Regions.All.ToList().FindIndex(r => r.Id == regionId):D4}");

    public static string KassierOf(string regionId) => Kassiers[regionId];

    private static string Encode(string name, string role, Guid? objectId = null)
    {
        var claims = new List<object> { new { typ = "name", val = name }, new { typ = "roles", val = role } };
        if (objectId is { } oid)
        {
            claims.Add(new { typ = "oid", val = oid.ToString("D") });
            claims.Add(new { typ = "tid", val = Tenant.ToString("D") });
        }
        var json = JsonConvert.SerializeObject(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
