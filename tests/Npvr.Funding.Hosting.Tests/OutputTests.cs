using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

[Collection(HandlerCollection.Name)]
public class OutputTests(HandlerServer server)
{
    [Fact]
    public async Task Service_bus_output_is_an_array_of_strings_even_for_a_base64_lookalike()
    {
        var envelope = await server.InvokeOkAsync("EchoHttp", Payloads.Http(Payloads.Finance));
        var messages = envelope["Outputs"]!["outMsg"]!;
        Assert.Equal(JTokenType.Array, messages.Type);
        Assert.All(messages, m => Assert.Equal(JTokenType.String, m.Type));
        Assert.Equal(["abcd", "{\"orderId\":42}"], messages.Select(m => (string?)m));
    }

    [Fact]
    public async Task Single_message_output_is_still_an_array()
    {
        var envelope = await server.InvokeOkAsync("OrderMessage", Payloads.ServiceBusDoubleEncoded("{}", "m-9", 1));
        var messages = envelope["Outputs"]!["outMsg"]!;
        Assert.Equal(JTokenType.Array, messages.Type);
        Assert.Equal(JTokenType.String, Assert.Single(messages).Type);
    }

    [Fact]
    public void No_messages_means_no_output_key()
    {
        var result = new InvocationResult().WithMessages("outMsg", []);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public void Http_output_carries_status_as_a_string_and_headers_as_plain_strings()
    {
        var result = new InvocationResult().WithHttp(HttpResult.Text(201, "made", "text/plain") with
        {
            Headers = new Dictionary<string, string> { ["Location"] = "/api/tranches/t-1" },
        });
        var res = JObject.FromObject(result)["Outputs"]!["res"]!;
        Assert.Equal("201", (string?)res["statusCode"]);
        Assert.Equal("made", (string?)res["body"]);
        Assert.Equal("text/plain", (string?)res["headers"]!["Content-Type"]);
        Assert.Equal("/api/tranches/t-1", (string?)res["headers"]!["Location"]);
        Assert.All(((JObject)res["headers"]!).Properties(), p => Assert.Equal(JTokenType.String, p.Value.Type));
    }
}
