using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting.Tests.Support;

namespace Npvr.Funding.Hosting.Tests;

[Collection(HandlerCollection.Name)]
public class ServiceBusPayloadTests(HandlerServer server)
{
    private async Task<JObject> SeenAsync(string payload)
    {
        var envelope = await server.InvokeOkAsync("OrderMessage", payload);
        var messages = (JArray)envelope["Outputs"]!["outMsg"]!;
        Assert.Single(messages);
        Assert.Equal(["order seen"], envelope["Logs"]!.Select(l => (string?)l));
        return JObject.Parse((string)messages[0]!);
    }

    [Fact]
    public async Task Double_encoded_payload_of_todays_host_is_unwrapped()
    {
        const string payload = """{"Data":{"mySbMsg":"\"{\\\"orderId\\\":42}\""},"Metadata":{"MessageId":"\"m-1\"","DeliveryCount":"1","ApplicationProperties":{"tenant":"t1"},"sys":{"MethodName":"OrderMessage","UtcNow":"2025-01-01T00:00:00Z","RandGuid":"00000000-0000-0000-0000-000000000000"}}}""";
        var seen = await SeenAsync(payload);
        Assert.Equal("""{"orderId":42}""", (string?)seen["body"]);
        Assert.Equal("m-1", (string?)seen["messageId"]);
        Assert.Equal(1, (int)seen["deliveryCount"]!);
    }

    [Fact]
    public async Task Single_encoded_legacy_payload_is_read_the_same()
    {
        const string payload = """{"Data":{"mySbMsg":"{\"orderId\":42}"},"Metadata":{"MessageId":"m-1","DeliveryCount":1}}""";
        var seen = await SeenAsync(payload);
        Assert.Equal("""{"orderId":42}""", (string?)seen["body"]);
        Assert.Equal("m-1", (string?)seen["messageId"]);
        Assert.Equal(1, (int)seen["deliveryCount"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_encodings_carry_the_same_body_message_id_and_delivery_count(bool doubleEncoded)
    {
        const string body = """{"eventId":"e-7","note":"with \"quotes\" and \\ backslash"}""";
        var payload = doubleEncoded ? Payloads.ServiceBusDoubleEncoded(body, "m-7", 4) : Payloads.ServiceBusSingleEncoded(body, "m-7", 4);
        var seen = await SeenAsync(payload);
        Assert.Equal(body, (string?)seen["body"]);
        Assert.Equal("m-7", (string?)seen["messageId"]);
        Assert.Equal(4, (int)seen["deliveryCount"]!);
    }

    [Fact]
    public async Task Missing_delivery_count_is_read_as_the_first_delivery()
    {
        var seen = await SeenAsync("""{"Data":{"mySbMsg":"\"{}\""},"Metadata":{}}""");
        Assert.Equal(1, (int)seen["deliveryCount"]!);
        Assert.Equal(JTokenType.Null, seen["messageId"]!.Type);
    }
}
