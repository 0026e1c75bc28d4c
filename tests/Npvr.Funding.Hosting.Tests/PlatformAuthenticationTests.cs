using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>
/// Issue 11 point 12: in App Service a principal header is trusted only when the platform's authentication ran; a forged
/// header without the platform's proof is 401 and the function does not run. Outside App Service (the local host) the
/// header is taken as sent.
/// </summary>
public sealed class PlatformAuthenticationTests
{
    [Theory]
    [InlineData(null, "aad")] // App Service with authentication off: no caller can be trusted
    [InlineData("False", "aad")]
    [InlineData("True", null)] // authentication on, but the call did not come through it
    [InlineData("True", "github")]
    public async Task A_principal_header_without_the_platforms_proof_is_401_in_App_Service(string? authEnabled, string? identityProvider)
    {
        var (status, problem) = await CallAsync(new() { ["WEBSITE_SITE_NAME"] = "func-registration-x", ["WEBSITE_AUTH_ENABLED"] = authEnabled }, identityProvider);

        Assert.Equal("401", status);
        Assert.Equal("unauthenticated", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_call_that_came_through_the_platforms_sign_in_is_served_in_App_Service()
    {
        var (status, _) = await CallAsync(new() { ["WEBSITE_SITE_NAME"] = "func-registration-x", ["WEBSITE_AUTH_ENABLED"] = "True" }, "aad");

        Assert.Equal("200", status);
    }

    [Fact]
    public async Task Outside_App_Service_the_header_is_taken_as_sent()
    {
        var (status, _) = await CallAsync([], identityProvider: null);

        Assert.Equal("200", status);
    }

    private static async Task<(string? Status, JObject Body)> CallAsync(Dictionary<string, string?> platform, string? identityProvider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "npvr-platform-auth-" + Guid.NewGuid().ToString("N"));
        TestFunctionApp.WriteAppDirectory(directory, TestFunctionApp.FunctionJson.Keys);
        var settings = new Dictionary<string, string?>(platform)
        {
            ["FunctionApp:Directory"] = directory,
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["ServiceBusConnection"] = HandlerServer.UnusedServiceBus,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var app = FunctionAppHost.Build(new TestFunctionApp(), [], "http://127.0.0.1:0", settings);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(FunctionAppHost.BoundAddress(app)) };
            var headers = identityProvider is null ? [] : new[] { (PlatformAuthentication.IdentityProviderHeader, identityProvider) };
            var payload = Payloads.Http(Payloads.Finance, method: "GET", headers: headers);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/PagedHttp") { Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var (res, body) = Payloads.Res(JObject.Parse(await response.Content.ReadAsStringAsync()));
            return ((string?)res["statusCode"], body);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
