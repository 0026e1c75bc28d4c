using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>A refusal is still a successful invocation: 200 to the host, the caller's status and problem+json in Outputs.res.</summary>
[Collection(HandlerCollection.Name)]
public class RefusalTests(HandlerServer server)
{
    [Theory]
    [InlineData("bad-request", "400", "amount-invalid", "amount must have two decimals.")]
    [InlineData("role", "403", "forbidden-role", "This action needs the role Funding.Finance.")]
    [InlineData("forbidden", "403", "not-your-region", "You are not the kassier of achterhoek.")]
    [InlineData("not-found", "404", "region-not-found", "There is no region 'utrecht'.")]
    [InlineData("conflict", "409", "year-closed", "2025 is closed.")]
    [InlineData("other", "400", "kind-invalid", "Unknown kind.")]
    public async Task Refusal_is_answered_as_problem_json_in_outputs_res(string kind, string status, string type, string detail)
    {
        var auditor = Payloads.Principal("auditor@rekenkamer.nl", "roles", ["Funding.Auditor"]);
        var envelope = await server.InvokeOkAsync("RefuseHttp", Payloads.Http(auditor, new JObject { ["kind"] = kind }));
        var (res, problem) = Payloads.Res(envelope);
        Assert.Equal(status, (string?)res["statusCode"]);
        Assert.Equal("application/problem+json; charset=utf-8", (string?)res["headers"]!["Content-Type"]);
        Assert.Equal(type, (string?)problem["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), (int)problem["status"]!);
        Assert.Equal(detail, (string?)problem["detail"]);
        Assert.Equal(["res"], ((JObject)envelope["Outputs"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task Caller_without_a_principal_gets_401_and_the_function_does_not_run()
    {
        var envelope = await server.InvokeOkAsync("EchoHttp", Payloads.Http(principal: null));
        var (res, problem) = Payloads.Res(envelope);
        Assert.Equal("401", (string?)res["statusCode"]);
        Assert.Equal("unauthenticated", (string?)problem["type"]);
        Assert.Equal(401, (int)problem["status"]!);
        Assert.StartsWith("application/problem+json", (string?)res["headers"]!["Content-Type"], StringComparison.Ordinal);
        // EchoHttp would have emitted two messages had it run.
        Assert.Equal(["res"], ((JObject)envelope["Outputs"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task A_bug_is_a_generic_500_problem_with_a_correlation_id_and_the_detail_only_in_the_logs()
    {
        var auditor = Payloads.Principal("auditor@rekenkamer.nl", "roles", ["Funding.Auditor"]);
        var envelope = await server.InvokeOkAsync("RefuseHttp", Payloads.Http(auditor, new JObject { ["kind"] = "bug" }, headers: ("X-Correlation-Id", "case-4711")));
        var (res, problem) = Payloads.Res(envelope);
        Assert.Equal("500", (string?)res["statusCode"]);
        Assert.Equal("internal-error", (string?)problem["type"]);
        Assert.Contains("case-4711", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", res.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", res.ToString(), StringComparison.Ordinal);
        Assert.Contains(envelope["Logs"]!, l => ((string?)l)!.Contains("Secret table key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_contention_is_a_503_problem_with_Retry_After_naming_no_partition()
    {
        var auditor = Payloads.Principal("auditor@rekenkamer.nl", "roles", ["Funding.Auditor"]);
        var (res, problem) = Payloads.Res(await server.InvokeOkAsync("RefuseHttp", Payloads.Http(auditor, new JObject { ["kind"] = "contention" })));
        Assert.Equal("503", (string?)res["statusCode"]);
        Assert.Equal("1", (string?)res["headers"]!["Retry-After"]);
        Assert.Equal("write-contention", (string?)problem["type"]);
        Assert.DoesNotContain("achterhoek", problem.ToString(), StringComparison.Ordinal);
    }
}
