using Newtonsoft.Json.Linq;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>
/// Least privilege: every role assignment is for one app's identity, with a data role,
/// on exactly one resource that app needs; and every app gets every role it needs.
/// </summary>
public sealed class RoleAssignmentTests
{
    private static readonly HashSet<string> DataRoles =
    [
        RoleIds.StorageBlobDataOwner, RoleIds.StorageTableDataContributor, RoleIds.StorageBlobDataContributor, RoleIds.ServiceBusDataSender,
        RoleIds.ServiceBusDataReceiver, RoleIds.MonitoringMetricsPublisher, RoleIds.KeyVaultCryptoUser,
    ];

    private static CompiledTemplate Template => CompiledTemplate.Instance;

    [Fact]
    public void Topology_access_lists_equal_what_each_apps_function_json_files_and_publisher_use()
    {
        var topology = Topology.Load();
        var known = Template.FunctionApps.Select(CompiledTemplate.AppOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in topology.Entities)
        {
            foreach (var app in entity.Senders.Concat(entity.Receivers))
            {
                Assert.True(known.Contains(app), $"topology.json: {entity.Entity} names app '{app}', which the template does not deploy.");
            }

            Assert.False(entity.Entity.Kind == EntityKind.Topic && entity.Receivers.Count > 0,
                $"topology.json: {entity.Entity} lists receivers; receive is granted per subscription.");
            Assert.False(entity.Entity.Kind == EntityKind.Subscription && entity.Senders.Count > 0,
                $"topology.json: {entity.Entity} lists senders; send goes to the topic.");
        }

        foreach (var app in FunctionApp.DiscoverAll())
        {
            var used = app.ServiceBusUses().Select(u => u.ToString()).Order(StringComparer.Ordinal).ToList();
            var granted = topology.UsesGrantedTo(app.Name).Select(u => u.ToString()).Order(StringComparer.Ordinal).ToList();
            Assert.True(used.SequenceEqual(granted),
                $"{app.Name}: function.json files and SendsTo use [{string.Join(", ", used)}] but topology.json access lists grant [{string.Join(", ", granted)}].");
        }
    }

    [Fact]
    public void Every_role_assignment_is_a_data_role_for_one_apps_identity_scoped_to_a_single_resource()
    {
        var assignments = Template.OfType("Microsoft.Authorization/roleAssignments");
        Assert.NotEmpty(assignments);
        foreach (var assignment in assignments)
        {
            var scope = CompiledTemplate.ScopeOf(assignment);
            var role = CompiledTemplate.RoleOf(assignment);
            Assert.True(Template.SiteOfPrincipal(assignment) is not null, $"{assignment["id"]} is not for a function app's identity.");
            Assert.True(DataRoles.Contains(role), $"{assignment["id"]}: role {role} is not one of the data roles the apps need.");
            Assert.True(scope.Contains("/providers/", StringComparison.Ordinal), $"{assignment["id"]} is scoped to a subscription or resource group.");
            Assert.True(Template.ById(scope) is not null, $"{assignment["id"]} is scoped to {scope}, which the template does not create.");
            Assert.False(string.Equals(scope, Template.ServiceBusNamespaceId, StringComparison.OrdinalIgnoreCase),
                $"{assignment["id"]} is scoped to the whole Service Bus namespace.");
        }
    }

    [Fact]
    public void Every_app_gets_exactly_the_roles_it_needs_on_exactly_the_resources_it_uses()
    {
        var existing = FunctionApp.DiscoverAll().ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        var topology = Topology.Load();
        var namespaceId = Template.ServiceBusNamespaceId;
        var assignments = Template.OfType("Microsoft.Authorization/roleAssignments");

        foreach (var site in Template.FunctionApps)
        {
            var app = CompiledTemplate.AppOf(site);

            // What the app's code uses; for an app not written yet, what topology.json grants it.
            var uses = existing.TryGetValue(app, out var code) ? code.ServiceBusUses() : topology.UsesGrantedTo(app);
            var settings = CompiledTemplate.SettingsOf(site);
            var appInsights = Assert.Single(CompiledTemplate.ReferencedIds(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]));

            var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                Grant(RoleIds.StorageTableDataContributor, FunctionAppTemplateTests.StateAccountOf(site)),
                Grant(RoleIds.StorageBlobDataOwner, FunctionAppTemplateTests.HostAccountOf(site)),
                Grant(RoleIds.MonitoringMetricsPublisher, appInsights),
            };
            // Spending writes the journals' signed checkpoints to an append-only container of its state account (issue 12).
            if (string.Equals(app, "Spending", StringComparison.OrdinalIgnoreCase))
            {
                needed.Add(Grant(RoleIds.StorageBlobDataContributor, FunctionAppTemplateTests.StateAccountOf(site) + "/blobServices/default/containers/journal-checkpoints"));
                // ... and signs them with the vault's key: on that key only, never the vault.
                needed.Add(Grant(RoleIds.KeyVaultCryptoUser, (string)Assert.Single(Template.OfType("Microsoft.KeyVault/vaults"))["id"]! + "/keys/checkpoint-signing"));
            }
            foreach (var use in uses)
            {
                var role = use.Access == Access.Send ? RoleIds.ServiceBusDataSender : RoleIds.ServiceBusDataReceiver;
                needed.Add(Grant(role, use.Entity.ResourceIdUnder(namespaceId)));
            }

            var given = assignments
                .Where(a => string.Equals((string?)Template.SiteOfPrincipal(a)?["id"], (string?)site["id"], StringComparison.OrdinalIgnoreCase))
                .Select(a => Grant(CompiledTemplate.RoleOf(a), CompiledTemplate.ScopeOf(a)))
                .ToList();

            Assert.Equal(given.Count, given.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var missing = needed.Except(given, StringComparer.OrdinalIgnoreCase).ToList();
            var excess = given.Except(needed, StringComparer.OrdinalIgnoreCase).ToList();
            Assert.True(missing.Count == 0 && excess.Count == 0,
                $"{app}: missing [{string.Join("; ", missing)}], more than needed [{string.Join("; ", excess)}].");
        }
    }

    private static string Grant(string role, string scope) => $"{RoleIds.NameOf(role)} on {scope}";
}
