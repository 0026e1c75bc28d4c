using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class RegistrationAccessTests
{
    private const string Kassier = "regions/achterhoek/kassier";

    public static TheoryData<string, string?, string, object, HttpStatusCode, string> Refusals() => new()
    {
        { "no principal", null, Kassier, Requests.Doetinchem(), HttpStatusCode.Unauthorized, "unauthenticated" },
        { "kassier", Principals.Kassier("GM0222"), Kassier, Requests.Doetinchem(), HttpStatusCode.Forbidden, "forbidden-role" },
        { "auditor", Principals.Auditor, Kassier, Requests.Doetinchem(), HttpStatusCode.Forbidden, "forbidden-role" },
        { "finance", Principals.Finance, Kassier, Requests.Doetinchem(), HttpStatusCode.Forbidden, "forbidden-role" },
        { "unknown region", Principals.Coordinator, "regions/randstad/kassier", Requests.Doetinchem(), HttpStatusCode.NotFound, "region-not-found" },
        { "malformed code", Principals.Coordinator, Kassier, new { organisationCode = "GM222", organisationName = "X", effectiveFrom = "2025-01-15" }, HttpStatusCode.BadRequest, "organisation-code-invalid" },
        { "date not a date", Principals.Coordinator, Kassier, new { organisationCode = "GM0222", organisationName = "X", effectiveFrom = "15-01-2025" }, HttpStatusCode.BadRequest, "malformed-body" },
        { "no body", Principals.Coordinator, Kassier, "", HttpStatusCode.BadRequest, "body-required" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_designation_is_problem_json_and_writes_nothing(string who, string? principal, string path, object body, HttpStatusCode status, string type)
    {
        await using var system = await TestSystem.StartAsync();

        var response = await system.Api.PutAsync(path, principal, body);
        await system.IdleAsync();

        Assert.True(status == response.Status, $"{who}: {response}");
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(type, (string?)response.Json["type"]);
        Assert.Equal((int)status, (int)response.Json["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)response.Json["detail"]));
        await AssertNothingWrittenAsync(system);
    }

    [Fact]
    public async Task An_effective_date_before_the_current_designation_is_refused_and_writes_nothing()
    {
        await using var system = await TestSystem.StartAsync();
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-06-01"));
        await system.IdleAsync();

        var response = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Gelderland("2025-05-31"));
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("effective-from-before-current", (string?)response.Json["type"]);
        Assert.Single((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
        Assert.Single((await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!);
    }

    [Theory]
    [InlineData("regions")]
    [InlineData("regions/achterhoek/kassier")]
    [InlineData("audit/regions/achterhoek/journal")]
    [InlineData("audit/regions/achterhoek/verify")]
    public async Task Reading_without_a_principal_is_401(string path)
    {
        await using var system = await TestSystem.StartAsync();

        var response = await system.Api.GetAsync(path, principal: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
    }

    [Theory]
    [InlineData("audit/regions/achterhoek/journal")]
    [InlineData("audit/regions/achterhoek/verify")]
    public async Task Only_auditors_read_the_journal(string path)
    {
        await using var system = await TestSystem.StartAsync();

        foreach (var principal in new[] { Principals.Coordinator, Principals.Finance, Principals.Kassier("GM0222") })
        {
            var response = await system.Api.GetAsync(path, principal);
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Equal("forbidden-role", (string?)response.Json["type"]);
        }
    }

    [Fact]
    public async Task Every_signed_in_role_lists_the_eleven_regions()
    {
        await using var system = await TestSystem.StartAsync();
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());

        var regions = (await system.Api.GetAsync("regions", Principals.Kassier("GM0222"))).Json["items"]!;

        Assert.Equal(11, regions.Count());
        Assert.Equal("GM0222", (string?)regions.Single(r => (string?)r["regionId"] == "achterhoek")["kassier"]!["organisationCode"]);
        Assert.Equal(10, regions.Count(r => r["kassier"]!.Type == Newtonsoft.Json.Linq.JTokenType.Null));
    }

    private static async Task AssertNothingWrittenAsync(TestSystem system)
    {
        Assert.Empty((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
        Assert.Empty((await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!);
        var sweep = await system.Host.RunFunctionAsync("SweepOutbox", "Npvr.Funding.Registration");
        Assert.False(sweep.Outputs.ContainsKey("outbox"), "No event may be waiting in the outbox.");
    }
}
