using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Broker;

public sealed class TopologyTests
{
    [Fact]
    public async Task Repository_topology_yields_queues_and_subscription_paths_with_their_settings()
    {
        string path = Path.Combine(RepositoryRoot.InfraDirectory(), "topology.json");
        BrokerTopology topology = BrokerTopology.Load(path);
        await using ServiceBusEmulator broker = ServiceBusEmulator.FromTopologyFile(path);

        Assert.Contains("tranche-issuing", broker.EntityPaths);
        Assert.Contains("funding-events/Subscriptions/spending-journal", broker.EntityPaths);
        Assert.DoesNotContain("funding-events", broker.EntityPaths);
        EntitySettings issuing = topology.Queues.Single(q => q.Name == "tranche-issuing").Settings;
        Assert.Equal(TimeSpan.FromMinutes(1), issuing.LockDuration);
        Assert.Equal(10, issuing.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromDays(14), issuing.DefaultMessageTimeToLive);
        Assert.True(issuing.RequiresDuplicateDetection);
        Assert.Equal(TimeSpan.FromMinutes(10), issuing.DuplicateDetectionHistoryTimeWindow);
        Assert.True(topology.Topics.Single().Settings.RequiresDuplicateDetection);
    }

    [Fact]
    public void Unknown_fields_and_properties_are_ignored_and_missing_properties_take_arm_defaults()
    {
        BrokerTopology topology = BrokerTopology.Parse(TestBroker.TopologyJson);
        BrokerTopology minimal = BrokerTopology.Parse("""{ "queues": [ { "name": "q" } ], "extra": true }""");

        Assert.Equal(["orders", "plain"], topology.Queues.Select(q => q.Name));
        Assert.Equal(["a", "b"], topology.Topics.Single().Subscriptions.Select(s => s.Name));
        Assert.Equal(EntitySettings.Defaults, minimal.Queues.Single().Settings);
        Assert.Empty(minimal.Topics);
    }

    [Theory]
    [InlineData("""{ "queues": [ { "name": "q", "properties": { "lockDuration": "1 minute" } } ] }""", "'lockDuration'")]
    [InlineData("""{ "queues": [ { "name": "q", "properties": { "maxDeliveryCount": "ten" } } ] }""", "'maxDeliveryCount'")]
    [InlineData("""{ "queues": [ { "name": "q", "properties": { "maxDeliveryCount": 0 } } ] }""", "'maxDeliveryCount'")]
    [InlineData("""{ "queues": [ { "properties": {} } ] }""", "'name'")]
    [InlineData("""{ "topics": { "name": "t" } }""", "'topics' must be an array")]
    [InlineData("""{ "queues": [ """, "invalid JSON")]
    public void Invalid_topology_is_rejected_with_a_message_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BrokerTopology.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_entities_with_one_name_are_rejected()
    {
        BrokerTopology topology = BrokerTopology.Parse("""{ "queues": [ { "name": "x" } ], "topics": [ { "name": "x" } ] }""");

        var error = Assert.Throws<ArgumentException>(() => new ServiceBusEmulator(topology));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }
}
