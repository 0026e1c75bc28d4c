using Newtonsoft.Json.Linq;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>Service Bus entities: function.json files, infra/topology.json and the compiled template agree.</summary>
public sealed class ServiceBusTemplateTests
{
    private static CompiledTemplate Template => CompiledTemplate.Instance;

    [Fact]
    public void Every_Service_Bus_entity_named_in_a_function_json_exists_in_topology_and_in_the_template()
    {
        var topology = Topology.Load();
        var deployed = Template.ServiceBusEntities();
        var uses = FunctionApp.DiscoverAll().SelectMany(a => a.ServiceBusUses().Select(u => (App: a.Name, Use: u))).ToList();

        foreach (var (app, use) in uses)
        {
            Assert.True(topology.Find(use.Entity) is not null, $"{app}: {use} but infra/topology.json has no {use.Entity}.");
            Assert.True(deployed.ContainsKey(use.Entity), $"{app}: {use} but the template deploys no {use.Entity}.");

            // A topic subscription only exists under its topic.
            if (use.Entity.Kind == EntityKind.Subscription)
            {
                Assert.True(deployed.ContainsKey(new Entity(EntityKind.Topic, use.Entity.Path.Split('/')[0])));
            }
        }
    }

    [Fact]
    public void Template_deploys_exactly_the_entities_of_topology_json()
    {
        var expected = Topology.Load().Entities.Select(e => e.Entity.ToString()).Order(StringComparer.Ordinal).ToList();
        var deployed = Template.ServiceBusEntities().Keys.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, deployed);
    }

    [Fact]
    public void Every_deployed_entity_has_exactly_the_delivery_settings_of_topology_json()
    {
        var deployed = Template.ServiceBusEntities();
        foreach (var entity in Topology.Load().Entities)
        {
            var properties = deployed[entity.Entity]["properties"] as JObject ?? [];
            var missing = entity.Properties.Properties()
                .Where(p => !JToken.DeepEquals(p.Value, properties[p.Name]))
                .Select(p => $"{p.Name}: topology {p.Value}, template {properties[p.Name]?.ToString() ?? "(absent)"}")
                .ToList();
            var extra = properties.Properties().Where(p => entity.Properties[p.Name] is null).Select(p => p.Name).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0,
                $"{entity.Entity}: differs from topology.json: {string.Join("; ", missing)} extra: {string.Join(", ", extra)}");
        }
    }

    [Fact]
    public void Every_queue_and_subscription_dead_letters_after_the_MaxDeliveryCount_of_topology_json()
    {
        var deployed = Template.ServiceBusEntities();
        var receivable = Topology.Load().Entities.Where(e => e.Entity.Kind != EntityKind.Topic).ToList();
        Assert.NotEmpty(receivable);
        foreach (var entity in receivable)
        {
            // topology.json must state them (no silent broker default), and the template must carry them.
            var maxDeliveryCount = (int?)entity.Properties["maxDeliveryCount"];
            var deadLetterOnExpiry = (bool?)entity.Properties["deadLetteringOnMessageExpiration"];
            Assert.True(maxDeliveryCount is > 0, $"{entity.Entity}: topology.json states no maxDeliveryCount.");
            Assert.True(deadLetterOnExpiry == true, $"{entity.Entity}: topology.json does not dead-letter expired messages.");

            var properties = deployed[entity.Entity]["properties"];
            Assert.Equal(maxDeliveryCount, (int?)properties?["maxDeliveryCount"]);
            Assert.Equal(deadLetterOnExpiry, (bool?)properties?["deadLetteringOnMessageExpiration"]);
        }
    }

    [Fact]
    public void Every_queue_and_topic_has_an_alert_on_dead_lettered_messages()
    {
        var alerts = Template.OfType("Microsoft.Insights/metricAlerts");
        var senders = Topology.Load().Entities.Where(e => e.Entity.Kind != EntityKind.Subscription).ToList();
        Assert.NotEmpty(senders);
        foreach (var entity in senders)
        {
            var alert = alerts.SingleOrDefault(a => a.SelectTokens("properties.criteria.allOf[*]").Any(c =>
                (string?)c["metricName"] == "DeadletteredMessages"
                && (string?)c["operator"] == "GreaterThan" && (double?)c["threshold"] == 0
                && c.SelectTokens("dimensions[?(@.name == 'EntityName')].values[*]").Any(v => (string?)v == entity.Entity.Path)));
            Assert.True(alert is not null, $"No metric alert on dead-lettered messages of {entity.Entity}.");
            Assert.Contains(Template.ServiceBusNamespaceId, alert["properties"]!["scopes"]!.Select(s => (string?)s), StringComparer.OrdinalIgnoreCase);
            Assert.True((bool?)alert["properties"]!["enabled"], $"The dead-letter alert of {entity.Entity} is disabled.");
        }
    }

    [Fact]
    public void No_function_json_has_a_Service_Bus_output_binding_because_apps_publish_then_mark_themselves()
    {
        var outputs = FunctionApp.DiscoverAll()
            .SelectMany(a => a.Functions.SelectMany(f => f.Bindings
                .Where(b => (string?)b["type"] == "serviceBus" && (string?)b["direction"] == "out")
                .Select(_ => $"{a.Name}/{f.Name}")))
            .ToList();
        Assert.True(outputs.Count == 0, $"A serviceBus output binding cannot set MessageId and its success is invisible to the handler: {string.Join(", ", outputs)}");
    }
}
