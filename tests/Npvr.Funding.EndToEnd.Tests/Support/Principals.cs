using System.Text;
using Newtonsoft.Json;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication would send them.</summary>
internal static class Principals
{
    public static string Coordinator => Encode("coordinator@minbzk.nl", ["Funding.Coordinator"], CoordinatorObjectId);
    public static string Finance => Encode("finance@minbzk.nl", ["Funding.Finance"], FinanceObjectId);
    public static string Auditor => Encode("auditor@rekenkamer.nl", ["Funding.Auditor"], AuditorObjectId);

    /// <summary>Entra object ids of the ready-made people (in <see cref="Tenant"/>), as every event they cause names them.</summary>
    public static readonly Guid CoordinatorObjectId = Guid.Parse("7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    public static readonly Guid FinanceObjectId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    public static readonly Guid AuditorObjectId = Guid.Parse("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9");

    /// <summary>The Entra tenant of every test person.</summary>
    public static readonly Guid Tenant = Guid.Parse("3f6a1c2e-8b4d-4e7f-9a0b-1c2d3e4f5a6b");

    /// <summary>The kassier organisations the tests act for: TestSystem authorises <see cref="Kassier"/>'s person as staff of each.</summary>
    public static readonly IReadOnlyList<string> StaffOrganisations =
        [.. new[] { "GM0222", "GM0153", "GM0935", "GM0197", "PV25" }.Concat(Npvr.Funding.Domain.Regions.All.Select(r => RegionKassierCode(r.Id))).Distinct()];

    /// <summary>The gemeente the tests designate for a region: Doetinchem GM0222 for the Achterhoek, GM9000 + the region's place for the others.</summary>
    public static string RegionKassierCode(string regionId) => regionId == "achterhoek"
        ? "GM0222"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GM{9000 + Npvr.Funding.Domain.Regions.All.ToList().FindIndex(r => r.Id == regionId):D4}");

    /// <summary>A staff member of <paramref name="organisationCode"/> (once TestSystem authorised them): object id derived from the code.</summary>
    public static string Kassier(string organisationCode) =>
        Encode($"kassier@{organisationCode.ToLowerInvariant()}.nl", ["Funding.Kassier"], StaffObjectId(organisationCode));

    /// <summary>A fixed object id per organisation, so every test and the staff registration agree on the person.</summary>
    public static Guid StaffObjectId(string organisationCode) =>
        new(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("kassier staff of " + organisationCode)));

    public static string Encode(string name, string[] roles, Guid? objectId = null, string? organisationClaim = null)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        if (objectId is { } oid)
        {
            claims.Add(new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = oid.ToString("D") });
            claims.Add(new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = Tenant.ToString("D") });
        }
        // Grants nothing since issue 11: tests use it to show that a forged claim is no way in.
        if (organisationClaim is not null) claims.Add(new { typ = "organisation", val = organisationClaim });
        var json = JsonConvert.SerializeObject(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
