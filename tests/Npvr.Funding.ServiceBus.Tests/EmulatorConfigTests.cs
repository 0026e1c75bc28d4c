using Newtonsoft.Json.Linq;
using Npvr.Funding.ServiceBus.Tests.Support;

namespace Npvr.Funding.ServiceBus.Tests;

/// <summary>The opt-in Docker fixture cannot run here; at least the configuration it hands the emulator is checked.</summary>
public sealed class EmulatorConfigTests
{
    [Fact]
    public void The_emulator_config_holds_every_entity_of_the_conformance_topology_with_pascal_case_properties()
    {
        JObject topology = JObject.Parse(File.ReadAllText(ServiceBusTarget.TopologyPath));

        JToken space = JObject.Parse(EmulatorContainers.EmulatorConfig(ServiceBusTarget.TopologyPath))["UserConfig"]!["Namespaces"]![0]!;

        Assert.Equal(topology["queues"]!.Select(q => (string?)q["name"]), space["Queues"]!.Select(q => (string?)q["Name"]));
        JToken maxDelivery = space["Queues"]!.Single(q => (string?)q["Name"] == "max-delivery");
        Assert.Equal(2, (int)maxDelivery["Properties"]!["MaxDeliveryCount"]!);
        Assert.False((bool)maxDelivery["Properties"]!["RequiresSession"]!);
        JToken duplicates = space["Queues"]!.Single(q => (string?)q["Name"] == "duplicates");
        Assert.True((bool)duplicates["Properties"]!["RequiresDuplicateDetection"]!);
        JToken fanOut = Assert.Single(space["Topics"]!);
        Assert.Equal(["first", "second"], fanOut["Subscriptions"]!.Select(s => (string?)s["Name"]));
        Assert.Equal("PT30S", (string?)fanOut["Subscriptions"]![0]!["Properties"]!["LockDuration"]);
    }
}
