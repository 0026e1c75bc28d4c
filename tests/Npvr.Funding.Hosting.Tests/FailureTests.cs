using System.Net;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

/// <summary>A failed invocation answers the host non-2xx, so no outputs are written and the message is redelivered.</summary>
[Collection(HandlerCollection.Name)]
public class FailureTests(HandlerServer server)
{
    [Fact]
    public async Task Message_function_that_throws_fails_the_invocation()
    {
        using var response = await server.InvokeAsync("OrderMessage", Payloads.ServiceBusDoubleEncoded("""{"orderId":"boom"}""", "m-2", 1));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("transient: InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Outputs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permanent_failure_fails_the_invocation_with_its_reason()
    {
        using var response = await server.InvokeAsync("OrderMessage", Payloads.ServiceBusDoubleEncoded("""{"poison":true}""", "m-3", 10));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("permanent: orderId is missing from the message.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Message_function_without_its_trigger_data_fails_the_invocation()
    {
        using var response = await server.InvokeAsync("OrderMessage", """{"Data":{},"Metadata":{}}""");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Http_function_without_its_request_fails_the_invocation()
    {
        using var response = await server.InvokeAsync("EchoHttp", """{"Data":{"other":{}},"Metadata":{}}""");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
