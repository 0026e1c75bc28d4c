using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>X-MS-CLIENT-PRINCIPAL as App Service Authentication sends it, read through the real handler.</summary>
[Collection(HandlerCollection.Name)]
public class PrincipalTests(HandlerServer server)
{
    private async Task<(string Status, JObject Body)> CallAsync(string? principal, string headerName = CallerPrincipal.HeaderName)
    {
        var payload = principal is null || headerName == CallerPrincipal.HeaderName
            ? Payloads.Http(principal)
            : Payloads.Http(null, headers: (headerName, principal));
        var (res, body) = Payloads.Res(await server.InvokeOkAsync("EchoHttp", payload));
        return ((string)res["statusCode"]!, body);
    }

    private const string ObjectId = "6f1c2a3b-9d4e-4f5a-8b6c-7d8e9f0a1b2c";
    private const string TenantId = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    private const string ObjectIdUri = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string TenantIdUri = "http://schemas.microsoft.com/identity/claims/tenantid";

    [Fact]
    public async Task Plain_claims_give_the_caller_roles_object_id_and_tenant_id_and_an_organisation_claim_gives_nothing()
    {
        var principal = Payloads.Principal("kassier@doetinchem.nl", "roles", ["Funding.Kassier"], [("oid", ObjectId), ("tid", TenantId), ("organisation", "GM0222")]);
        var (status, body) = await CallAsync(principal);
        Assert.Equal("200", status);
        Assert.Equal("kassier@doetinchem.nl", (string?)body["caller"]);
        Assert.Equal(["Funding.Kassier"], body["roles"]!.Select(r => (string?)r));
        Assert.Equal((ObjectId, TenantId), ((string?)body["objectId"], (string?)body["tenantId"]));
        Assert.Null(body["organisations"]);
    }

    [Fact]
    public async Task The_claim_type_uris_of_app_service_authentication_give_object_id_and_tenant_id()
    {
        var principal = Payloads.Principal("k@doetinchem.nl", "roles", ["Funding.Kassier"], [(ObjectIdUri, ObjectId.ToUpperInvariant()), (TenantIdUri, TenantId)]);
        var (_, body) = await CallAsync(principal);
        Assert.Equal((ObjectId, TenantId), ((string?)body["objectId"], (string?)body["tenantId"]));
    }

    [Theory]
    [InlineData("not-a-guid", null)]
    [InlineData("00000000-0000-0000-0000-000000000000", null)]
    [InlineData("{6f1c2a3b-9d4e-4f5a-8b6c-7d8e9f0a1b2c}", null)]
    [InlineData(ObjectId, "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")]
    public async Task A_malformed_empty_or_contradicted_object_id_identifies_nobody(string oid, string? otherOid)
    {
        var claims = new List<(string, string)> { ("oid", oid), ("tid", TenantId) };
        if (otherOid is not null) claims.Add((ObjectIdUri, otherOid));
        var (status, body) = await CallAsync(Payloads.Principal("k@doetinchem.nl", "roles", ["Funding.Kassier"], claims));
        Assert.Equal("200", status);
        Assert.Equal(JTokenType.Null, body["objectId"]!.Type);
    }

    [Fact]
    public async Task Role_type_uri_of_the_docs_gives_the_caller_roles()
    {
        var principal = Payloads.Principal("auditor@rekenkamer.nl", Payloads.RoleClaimUri, ["Funding.Auditor", "Funding.Finance"], roleClaimType: Payloads.RoleClaimUri);
        var (status, body) = await CallAsync(principal);
        Assert.Equal("200", status);
        Assert.Equal(["Funding.Auditor", "Funding.Finance"], body["roles"]!.Select(r => (string?)r));
    }

    [Fact]
    public async Task Custom_role_type_names_the_claims_that_are_roles()
    {
        var principal = Payloads.Principal("c@rijk.nl", "app_role", ["Funding.Coordinator"], roleClaimType: "app_role");
        var (_, body) = await CallAsync(principal);
        Assert.Equal(["Funding.Coordinator"], body["roles"]!.Select(r => (string?)r));
    }

    [Fact]
    public async Task Claims_of_other_types_are_not_roles_and_a_caller_without_a_Funding_role_is_refused()
    {
        var principal = Payloads.Principal("someone@example.nl", "roles", ["Funding.Finance"], roleClaimType: "groups");
        var (status, body) = await CallAsync(principal);
        Assert.Equal("403", status);
        Assert.Equal("forbidden-role", (string?)body["type"]);
    }

    [Theory]
    [InlineData("Funding.Unknown")]
    [InlineData("funding.finance")]
    [InlineData("FUNDING.AUDITOR")]
    [InlineData("")]
    public async Task An_unknown_or_wrongly_cased_role_is_refused_on_every_route(string role)
    {
        var (status, body) = await CallAsync(Payloads.Principal("x@example.nl", "roles", role.Length == 0 ? [] : [role]));
        Assert.Equal("403", status);
        Assert.Equal("forbidden-role", (string?)body["type"]);
    }

    [Theory]
    [InlineData("""{"claims":[{"typ":"roles","val":["Funding.Finance"]},{"typ":"name","val":{"a":1}}]}""")]
    [InlineData("""{"claims":[{"typ":["roles"],"val":"Funding.Finance"}],"name_typ":[1],"role_typ":{"x":1}}""")]
    [InlineData("""{"claims":"Funding.Finance"}""")]
    [InlineData("""{"claims":[1,"two",null,[3]]}""")]
    public async Task Claim_values_that_are_not_strings_are_ignored_never_a_500(string json)
    {
        var (status, body) = await CallAsync(Payloads.Base64(json));
        Assert.Equal("403", status);
        Assert.Equal("forbidden-role", (string?)body["type"]);
    }

    [Theory]
    [InlineData("not base64 at all", "not base64-encoded JSON")]
    [InlineData("WzEsMl0=", "does not hold a JSON object")]
    public async Task An_unreadable_principal_is_401_saying_it_was_unreadable_not_missing(string header, string says)
    {
        var (status, body) = await CallAsync(header);
        Assert.Equal("401", status);
        Assert.Contains(says, (string?)body["detail"], StringComparison.Ordinal);
        var (missing, missingBody) = await CallAsync(null);
        Assert.Equal("401", missing);
        Assert.Contains("carries no X-MS-CLIENT-PRINCIPAL", (string?)missingBody["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_name_in_lower_case_is_read_too()
    {
        var (status, body) = await CallAsync(Payloads.Finance, "x-ms-client-principal");
        Assert.Equal("200", status);
        Assert.Equal(["Funding.Finance"], body["roles"]!.Select(r => (string?)r));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("e30")] // "{}" without its padding
    public async Task Malformed_base64_is_anonymous(string header) =>
        Assert.Equal("401", (await CallAsync(header)).Status);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"claims\":[]} trailing")]
    public async Task Base64_of_something_other_than_a_principal_object_is_anonymous(string text) =>
        Assert.Equal("401", (await CallAsync(Payloads.Base64(text))).Status);

    [Fact]
    public async Task Empty_header_is_anonymous() =>
        Assert.Equal("401", (await CallAsync("")).Status);
}
