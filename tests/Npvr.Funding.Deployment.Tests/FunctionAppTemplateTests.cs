using Newtonsoft.Json.Linq;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>The function apps as the compiled template would create them.</summary>
public sealed class FunctionAppTemplateTests
{
    // Settings that Flex Consumption replaces by functionAppConfig (custom-handlers.md 7.4).
    private static readonly string[] FlexDeprecatedSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY", "FUNCTIONS_WORKER_PROCESS_COUNT", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD", "WEBSITE_VNET_ROUTE_ALL", "WEBSITE_NODE_DEFAULT_VERSION",
    ];

    // Markers of a key, SAS or connection string in a setting or anywhere in the template.
    private static readonly string[] SecretMarkers =
    [
        "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "DefaultEndpointsProtocol=", "listKeys(", "listConnectionStrings(",
        "listAccountSas(", "listServiceSas(", "listkeys(",
    ];

    private static CompiledTemplate Template => CompiledTemplate.Instance;

    [Fact]
    public void Template_deploys_one_function_app_for_every_app_folder_and_no_other()
    {
        var deployed = Template.FunctionApps.Select(CompiledTemplate.AppOf).ToList();
        Assert.Equal(deployed.Count, deployed.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Exactly the apps that exist: a Function app without code would fail `azd up` at packaging.
        Assert.Equal(
            FunctionApp.DiscoverAll().Select(a => a.Name.ToLowerInvariant()).Order(StringComparer.Ordinal),
            deployed.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_app_has_a_system_assigned_managed_identity()
    {
        Assert.NotEmpty(Template.FunctionApps);
        foreach (var site in Template.FunctionApps)
        {
            Assert.True(
                ((string?)site.SelectToken("identity.type"))?.Contains("SystemAssigned", StringComparison.Ordinal) == true,
                $"{site["name"]} has no system-assigned identity.");
        }
    }

    [Fact]
    public void No_function_app_setting_holds_a_storage_key_or_a_Service_Bus_connection_string()
    {
        foreach (var site in Template.FunctionApps)
        {
            foreach (var (name, value) in CompiledTemplate.SettingsOf(site))
            {
                foreach (var marker in SecretMarkers)
                {
                    Assert.False(value.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{site["name"]}: setting {name} holds a secret ({marker}).");
                }

                // A bare connection name is the connection-string form; the identity form is <name>__<property>.
                Assert.False(name is "AzureWebJobsStorage" or "AzureWebJobsServiceBus" or "ServiceBusConnection" or "Storage__ConnectionString",
                    $"{site["name"]}: {name} is a connection-string setting.");
                Assert.False(name.EndsWith("__connectionString", StringComparison.OrdinalIgnoreCase),
                    $"{site["name"]}: {name} is a connection-string setting.");
            }
        }

        // Nowhere in the template is a key or connection string read from a resource.
        var text = Template.Arm.ToString();
        foreach (var marker in SecretMarkers.Where(m => m.EndsWith('(')))
        {
            Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Storage_Service_Bus_and_Application_Insights_accept_Entra_ID_only()
    {
        var accounts = Template.OfType("Microsoft.Storage/storageAccounts");
        Assert.NotEmpty(accounts);
        foreach (var account in accounts)
        {
            Assert.True((bool?)account.SelectToken("properties.allowSharedKeyAccess") == false, $"{account["name"]} allows shared-key access.");
            Assert.True((bool?)account.SelectToken("properties.allowBlobPublicAccess") == false, $"{account["name"]} allows public blob access.");
        }

        var serviceBus = Assert.Single(Template.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.True((bool?)serviceBus.SelectToken("properties.disableLocalAuth") == true, "Service Bus keeps SAS keys (disableLocalAuth is not true).");
        Assert.Equal("Standard", (string?)serviceBus.SelectToken("sku.name"));

        foreach (var appInsights in Template.OfType("Microsoft.Insights/components"))
        {
            Assert.True((bool?)appInsights.SelectToken("properties.DisableLocalAuth") == true, $"{appInsights["name"]} accepts key ingestion.");
            Assert.NotNull((string?)appInsights.SelectToken("properties.WorkspaceResourceId"));
        }
    }

    [Fact]
    public void Every_Service_Bus_connection_named_in_a_function_json_is_identity_based_in_its_app()
    {
        foreach (var app in FunctionApp.DiscoverAll())
        {
            var settings = CompiledTemplate.SettingsOf(Template.SiteOfApp(app.Name));
            foreach (var connection in app.ServiceBusConnections())
            {
                Assert.True(settings.TryGetValue($"{connection}__fullyQualifiedNamespace", out var value),
                    $"{app.Name}: its function.json files use connection '{connection}' but the app has no {connection}__fullyQualifiedNamespace setting.");
                Assert.Contains(Template.ServiceBusNamespaceId, CompiledTemplate.ReferencedIds(value), StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Every_function_app_reaches_its_own_tables_by_endpoint_URI_and_its_host_storage_by_identity()
    {
        var stateAccounts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in Template.FunctionApps)
        {
            var settings = CompiledTemplate.SettingsOf(site);
            var state = StateAccountOf(site);
            Assert.True(stateAccounts.Add(state), $"{site["name"]} shares its state storage account with another app.");
            Assert.Contains("primaryEndpoints.table", settings["Storage__TableEndpoint"], StringComparison.Ordinal);

            var host = HostAccountOf(site);
            Assert.NotEqual(state, host, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_function_app_runs_the_custom_handler_runtime_on_its_own_Flex_Consumption_plan()
    {
        var plans = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in Template.FunctionApps)
        {
            var name = (string?)site["name"];
            Assert.Contains("linux", (string?)site["kind"], StringComparison.Ordinal);
            Assert.Equal("custom", (string?)site.SelectToken("properties.functionAppConfig.runtime.name"));
            Assert.Equal("1.0", (string?)site.SelectToken("properties.functionAppConfig.runtime.version"));

            var planId = (string?)site.SelectToken("properties.serverFarmId") ?? string.Empty;
            Assert.True(plans.Add(planId), $"{name}: Flex Consumption allows one app per plan.");
            var plan = Template.ById(planId) ?? throw new InvalidDataException($"{name}: plan {planId} is not in the template.");
            Assert.Equal("FC1", (string?)plan.SelectToken("sku.name"));
            Assert.Equal("FlexConsumption", (string?)plan.SelectToken("sku.tier"));

            // The deployment package container exists, in the app's host storage, reached by identity.
            var deployment = site.SelectToken("properties.functionAppConfig.deployment.storage") as JObject
                ?? throw new InvalidDataException($"{name} has no deployment storage.");
            Assert.Equal("blobContainer", (string?)deployment["type"]);
            Assert.Equal("SystemAssignedIdentity", (string?)deployment.SelectToken("authentication.type"));
            var value = (string?)deployment["value"] ?? string.Empty;
            var account = Assert.Single(CompiledTemplate.ReferencedIds(value));
            Assert.Equal(HostAccountOf(site), account, StringComparer.OrdinalIgnoreCase);
            Assert.Contains(
                Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
                c => ((string?)c["id"])!.StartsWith(account + "/", StringComparison.OrdinalIgnoreCase)
                    && value.Contains($"'{((string?)c["name"])!.Split('/')[^1]}'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_function_app_sets_a_setting_that_Flex_Consumption_replaces()
    {
        foreach (var site in Template.FunctionApps)
        {
            var settings = CompiledTemplate.SettingsOf(site);
            foreach (var deprecated in FlexDeprecatedSettings)
            {
                Assert.False(settings.ContainsKey(deprecated), $"{site["name"]} sets {deprecated}, which Flex Consumption does not take.");
            }

            Assert.Null(site.SelectToken("properties.siteConfig.linuxFxVersion"));
            Assert.Null(site.SelectToken("properties.siteConfig.alwaysOn"));
            Assert.Null(site.SelectToken("properties.siteConfig.use32BitWorkerProcess"));
        }
    }

    [Fact]
    public void Every_function_app_requires_Entra_ID_sign_in_for_the_client_id_parameter()
    {
        foreach (var site in Template.FunctionApps)
        {
            var auth = Template.ById($"{site["id"]}/config/authsettingsV2")
                ?? throw new InvalidDataException($"{site["name"]} has no authsettingsV2.");
            Assert.True((bool?)auth.SelectToken("properties.platform.enabled") == true);
            Assert.True((bool?)auth.SelectToken("properties.globalValidation.requireAuthentication") == true);
            Assert.Equal("Return401", (string?)auth.SelectToken("properties.globalValidation.unauthenticatedClientAction"));
            var entra = auth.SelectToken("properties.identityProviders.azureActiveDirectory") as JObject
                ?? throw new InvalidDataException($"{site["name"]}: no Entra ID provider.");
            Assert.True((bool?)entra["enabled"] != false);
            Assert.Equal(CompiledTemplate.EntraClientId, (string?)entra.SelectToken("registration.clientId"));
            Assert.Contains(CompiledTemplate.TenantId, (string?)entra.SelectToken("registration.openIdIssuer"), StringComparison.Ordinal);
            Assert.Contains($"api://{CompiledTemplate.EntraClientId}", Json.Strings(entra.SelectToken("validation.allowedAudiences")));
            Assert.Equal(CompiledTemplate.AllowedClientApplicationIds, Json.Strings(entra.SelectToken("validation.defaultAuthorizationPolicy.allowedApplications")));
            Assert.Equal(CompiledTemplate.AllowedClientApplicationIds, Json.Strings(entra.SelectToken("validation.jwtClaimChecks.allowedClientApplications")));
            // The handlers serve nothing in App Service unless the platform itself reports sign-in on (PlatformAuthentication).
            Assert.DoesNotContain("WEBSITE_AUTH_ENABLED", CompiledTemplate.SettingsOf(site).Keys);
        }
    }

    [Fact]
    public void Spending_signs_checkpoints_with_a_vault_key_it_can_only_sign_and_verify_with()
    {
        var vault = Assert.Single(Template.OfType("Microsoft.KeyVault/vaults"));
        Assert.True((bool?)vault.SelectToken("properties.enableRbacAuthorization") == true);
        Assert.True((bool?)vault.SelectToken("properties.enablePurgeProtection") == true);
        var key = Assert.Single(Template.OfType("Microsoft.KeyVault/vaults/keys"));
        Assert.Equal(((string)vault["id"]!) + "/keys/checkpoint-signing", (string?)key["id"]);
        Assert.Equal(("EC", "P-256"), ((string?)key.SelectToken("properties.kty"), (string?)key.SelectToken("properties.curveName")));
        Assert.Equal(["sign", "verify"], Json.Strings(key.SelectToken("properties.keyOps")));
        foreach (var site in Template.FunctionApps)
        {
            var settings = CompiledTemplate.SettingsOf(site);
            var spending = string.Equals(CompiledTemplate.AppOf(site), "Spending", StringComparison.OrdinalIgnoreCase);
            Assert.Equal(spending ? "checkpoint-signing" : "", settings["Audit__KeyName"]);
            Assert.Equal(spending, CompiledTemplate.ReferencedIds(settings["Audit__KeyVaultUri"]).Contains((string)vault["id"]!, StringComparer.OrdinalIgnoreCase));
        }
    }

    /// <summary>The storage account whose table endpoint the app reads its state from.</summary>
    internal static string StateAccountOf(JObject site)
    {
        var settings = CompiledTemplate.SettingsOf(site);
        Assert.True(settings.TryGetValue("Storage__TableEndpoint", out var endpoint), $"{site["name"]} has no Storage__TableEndpoint.");
        var id = Assert.Single(CompiledTemplate.ReferencedIds(endpoint));
        var account = Template.ById(id);
        Assert.True(account is not null && (string?)account["type"] == "Microsoft.Storage/storageAccounts",
            $"{site["name"]}: Storage__TableEndpoint does not come from a storage account of the template.");
        return id;
    }

    /// <summary>The storage account the Functions host uses (AzureWebJobsStorage by identity).</summary>
    internal static string HostAccountOf(JObject site)
    {
        var settings = CompiledTemplate.SettingsOf(site);
        Assert.True(settings.TryGetValue("AzureWebJobsStorage__accountName", out var accountName),
            $"{site["name"]} has no AzureWebJobsStorage__accountName (identity-based host storage).");
        var account = Assert.Single(
            Template.OfType("Microsoft.Storage/storageAccounts"),
            a => string.Equals((string?)a["name"], accountName, StringComparison.OrdinalIgnoreCase));
        return (string)account["id"]!;
    }
}
