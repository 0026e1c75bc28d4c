using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 11 point 5: what no function matches is a problem+json 404, and a method a matching route does not declare
/// is a problem+json 405 naming the methods it does, signed in or not, from whichever app serves the route.
/// (FundingApi also holds each answer to the contract's conventions for unmatched requests.)
/// </summary>
public sealed class UnmatchedRouteTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(kassierStaff: false);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("GET", "nowhere")]
    [InlineData("POST", "regions/achterhoek/kassier/extra")]
    [InlineData("GET", "regions/achterhoek/nothing%20here")]
    [InlineData("DELETE", "audit")]
    [InlineData("GET", "")]
    public async Task A_path_no_function_serves_is_a_problem_404(string method, string path)
    {
        foreach (var principal in new[] { null, Principals.Auditor })
        {
            var answer = await _system.Api.SendAsync(new HttpMethod(method), path, principal, null);

            Assert.True(answer.Status == HttpStatusCode.NotFound, answer.ToString());
            Assert.Equal("route-not-found", (string?)answer.Json["type"]);
        }
    }

    [Theory]
    [InlineData("DELETE", "regions/achterhoek/kassier", "GET, PUT")] // Registration
    [InlineData("PATCH", "programmes/npvr-procesmiddelen", "GET, PUT")] // Allocation
    [InlineData("PUT", "tranches", "GET")] // Disbursement
    [InlineData("GET", "regions/achterhoek/spending/0f8fad5b-d9cb-469f-a165-70867728950e/reversal", "POST")] // Spending
    [InlineData("POST", "audit/keys", "GET")]
    [InlineData("HEAD", "audit/keys", "GET")]
    public async Task A_method_the_route_does_not_declare_is_a_problem_405_naming_the_ones_it_does(string method, string path, string allow)
    {
        foreach (var principal in new[] { null, Principals.Coordinator })
        {
            var answer = await _system.Api.SendAsync(new HttpMethod(method), path, principal, method is "GET" or "HEAD" ? null : new { });

            Assert.True(answer.Status == HttpStatusCode.MethodNotAllowed, answer.ToString());
            if (method != "HEAD") Assert.Equal("method-not-allowed", (string?)answer.Json["type"]);
            Assert.Equal(allow.Split(", "), answer.Headers["Allow"].Split(',').Select(m => m.Trim()));
        }
    }
}
