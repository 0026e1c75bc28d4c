using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>
/// bicep/main.bicep compiled once per test run: `bicep build` gives the ARM JSON and
/// its diagnostics (SARIF); `bicep snapshot` then evaluates that compiled JSON for one
/// set of parameters and lists every resource the deployment would create, with
/// names, scopes and copy loops resolved. Values only known at deploy time (a managed
/// identity's principal id, an endpoint) stay ARM expressions that name the resource
/// they come from, which is what the tests follow.
/// </summary>
internal sealed partial class CompiledTemplate
{
    public const string EntraClientId = "6f1c3b0e-8d1a-4b8e-9a57-1e2d3c4b5a69";

    /// <summary>Two client apps (a finance portal, an auditors' tool) as the deployer would list them.</summary>
    public static readonly string[] AllowedClientApplicationIds = ["0b7e5f3a-2c4d-4e6f-8a1b-9c0d1e2f3a4b", "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"];
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c1c1";
    public const string TenantId = "00000000-0000-0000-0000-00000000a1a1";
    public const string EnvironmentName = "ci";
    public const string Location = "westeurope";

    private static readonly Lazy<CompiledTemplate> Compiled = new(Compile);

    private readonly JObject? arm;
    private readonly IReadOnlyList<JObject>? resources;

    private CompiledTemplate(ProcessResult build, JArray diagnostics, JObject? arm, ProcessResult? snapshot, IReadOnlyList<JObject>? resources)
    {
        Build = build;
        Diagnostics = diagnostics;
        this.arm = arm;
        Snapshot = snapshot;
        this.resources = resources;
    }

    public static CompiledTemplate Instance => Compiled.Value;

    public static string MainBicep => Repo.PathTo("bicep", "main.bicep");

    public ProcessResult Build { get; }

    /// <summary>SARIF results of `bicep build` (errors and linter findings).</summary>
    public JArray Diagnostics { get; }

    public ProcessResult? Snapshot { get; }

    /// <summary>The compiled ARM template.</summary>
    public JObject Arm => arm ?? throw new InvalidOperationException(Build.Describe("bicep build of bicep/main.bicep"));

    /// <summary>Every resource the deployment would create.</summary>
    public IReadOnlyList<JObject> Resources =>
        resources ?? throw new InvalidOperationException(Snapshot?.Describe("bicep snapshot") ?? Build.Describe("bicep build"));

    public IReadOnlyList<JObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JObject? ById(string id) =>
        Resources.FirstOrDefault(r => string.Equals((string?)r["id"], id, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<JObject> FunctionApps => OfType("Microsoft.Web/sites");

    /// <summary>The app a site is for, from the tag azd finds it by (the lower-case app name).</summary>
    public static string AppOf(JObject site) =>
        (string?)site.SelectToken("tags.['azd-service-name']")
        ?? throw new InvalidDataException($"Function app {site["id"]} has no azd-service-name tag.");

    public JObject SiteOfApp(string app) =>
        FunctionApps.SingleOrDefault(s => string.Equals(AppOf(s), app, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidDataException($"The template deploys no function app tagged azd-service-name: {app.ToLowerInvariant()}.");

    public static IReadOnlyDictionary<string, string> SettingsOf(JObject site) =>
        (site.SelectToken("properties.siteConfig.appSettings") as JArray ?? [])
            .OfType<JObject>()
            .ToDictionary(s => (string?)s["name"] ?? string.Empty, s => s["value"]?.ToString() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Resource ids an ARM expression reads from with reference('...').</summary>
    public static IReadOnlyList<string> ReferencedIds(string expression) =>
        ReferenceCall().Matches(expression).Select(m => m.Groups["id"].Value).ToList();

    /// <summary>The scope of a role assignment: its id up to the role assignment provider.</summary>
    public static string ScopeOf(JObject roleAssignment)
    {
        var id = (string?)roleAssignment["id"] ?? string.Empty;
        var at = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? throw new InvalidDataException($"Not a role assignment id: {id}") : id[..at];
    }

    /// <summary>The role definition GUID of a role assignment.</summary>
    public static string RoleOf(JObject roleAssignment) =>
        ((string?)roleAssignment.SelectToken("properties.roleDefinitionId") ?? string.Empty).Split('/')[^1].ToLowerInvariant();

    /// <summary>The function app whose identity a role assignment is for, or null when it is not an app's identity.</summary>
    public JObject? SiteOfPrincipal(JObject roleAssignment)
    {
        var principal = (string?)roleAssignment.SelectToken("properties.principalId") ?? string.Empty;
        return ReferencedIds(principal)
            .Select(ById)
            .FirstOrDefault(r => r is not null && string.Equals((string?)r["type"], "Microsoft.Web/sites", StringComparison.OrdinalIgnoreCase)
                && principal.Contains(".identity.principalId", StringComparison.Ordinal));
    }

    public string ServiceBusNamespaceId =>
        (string?)OfType("Microsoft.ServiceBus/namespaces").Single()["id"] ?? string.Empty;

    /// <summary>Every Service Bus entity the template deploys, with its resource.</summary>
    public IReadOnlyDictionary<Entity, JObject> ServiceBusEntities()
    {
        var result = new Dictionary<Entity, JObject>();
        foreach (var r in OfType("Microsoft.ServiceBus/namespaces/queues"))
        {
            result.Add(new Entity(EntityKind.Queue, ((string)r["name"]!).Split('/')[1]), r);
        }

        foreach (var r in OfType("Microsoft.ServiceBus/namespaces/topics"))
        {
            result.Add(new Entity(EntityKind.Topic, ((string)r["name"]!).Split('/')[1]), r);
        }

        foreach (var r in OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"))
        {
            var parts = ((string)r["name"]!).Split('/');
            result.Add(new Entity(EntityKind.Subscription, $"{parts[1]}/{parts[2]}"), r);
        }

        return result;
    }

    private static CompiledTemplate Compile()
    {
        using var temp = new TempDir("npvr-bicep");
        var compiledPath = temp.PathTo("main.json");
        var build = BicepCli.Run(
            Repo.PathTo("bicep"), "build", MainBicep, "--outfile", compiledPath, "--diagnostics-format", "sarif");

        // SARIF goes to stderr.
        var sarifStart = build.StdErr.IndexOf('{', StringComparison.Ordinal);
        var diagnostics = sarifStart < 0
            ? []
            : Json.ParseObject(build.StdErr[sarifStart..], "bicep build SARIF output").SelectToken("runs[0].results") as JArray ?? [];
        if (build.ExitCode != 0 || !File.Exists(compiledPath))
        {
            return new CompiledTemplate(build, diagnostics, null, null, null);
        }

        var arm = Json.ReadObject(compiledPath);

        // Evaluate the compiled JSON (not the .bicep source) for one set of parameters.
        File.WriteAllText(
            temp.PathTo("ci.bicepparam"),
            string.Create(
                CultureInfo.InvariantCulture,
                $"""
                using 'main.json'

                param environmentName = '{EnvironmentName}'
                param location = '{Location}'
                param entraClientId = '{EntraClientId}'
                param allowedClientApplicationIds = '{string.Join(",", AllowedClientApplicationIds)}'

                """));
        var snapshot = BicepCli.Run(
            temp.FullName, "snapshot", temp.PathTo("ci.bicepparam"),
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
        var snapshotPath = temp.PathTo("ci.snapshot.json");
        if (snapshot.ExitCode != 0 || !File.Exists(snapshotPath))
        {
            return new CompiledTemplate(build, diagnostics, arm, snapshot, null);
        }

        var predicted = (Json.ReadObject(snapshotPath)["predictedResources"] as JArray ?? []).OfType<JObject>().ToList();
        return new CompiledTemplate(build, diagnostics, arm, snapshot, predicted);
    }

    [GeneratedRegex(@"reference\('(?<id>/subscriptions/[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceCall();
}
