using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>azure.yaml, the azd parameters file and the Entra app registration manifest.</summary>
public sealed partial class AzdAndEntraTests
{
    [Fact]
    public void Azure_yaml_deploys_every_app_of_the_template_with_the_publish_script()
    {
        var yaml = File.ReadAllLines(Repo.PathTo("azure.yaml"));
        Assert.Contains("  path: bicep", yaml);
        Assert.Contains("  module: main", yaml);

        var services = Services(yaml);
        var deployed = CompiledTemplate.Instance.FunctionApps.Select(CompiledTemplate.AppOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(deployed, services.Keys.Order(StringComparer.Ordinal).ToList());

        foreach (var (service, keys) in services)
        {
            var app = deployed.Single(d => d == service);
            var folder = $"Npvr.Funding.{char.ToUpperInvariant(app[0])}{app[1..]}";
            var appName = folder["Npvr.Funding.".Length..];
            Assert.Equal($"./functions/{folder}", keys.GetValueOrDefault("project"));
            Assert.True(File.Exists(Repo.PathTo("functions", folder, "host.json")), $"azure.yaml deploys {folder}, which has no functions/{folder}/host.json.");
            Assert.Equal("function", keys.GetValueOrDefault("host"));
            Assert.Equal("custom", keys.GetValueOrDefault("language"));
            var dist = keys.GetValueOrDefault("dist") ?? string.Empty;
            Assert.Equal($"../../publish/{appName}", dist);

            // The hook runs in the service folder and publishes exactly what azd then zips.
            Assert.Equal($"bash ../../infra/publish.sh {appName} {dist}", keys.GetValueOrDefault("hooks.prepackage.run"));
            Assert.Equal(
                Path.GetFullPath(Repo.PathTo("infra", "publish.sh")),
                Path.GetFullPath(Path.Combine(Repo.Root, "functions", folder, "../../infra/publish.sh")));
        }
    }

    [Fact]
    public void Azd_parameters_file_feeds_every_parameter_of_main_bicep_from_the_azd_environment()
    {
        var parameters = Json.ReadObject(Repo.PathTo("bicep", "main.parameters.json"))["parameters"] as JObject ?? [];
        var declared = (CompiledTemplate.Instance.Arm["parameters"] as JObject ?? []).Properties().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(declared, parameters.Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var parameter in parameters.Properties())
        {
            Assert.Matches(@"^\$\{AZURE_[A-Z_]+\}$", (string?)parameter.Value["value"] ?? string.Empty);
        }
    }

    [Fact]
    public void App_registration_manifest_declares_exactly_the_app_roles_the_apps_check()
    {
        var manifest = JArray.Parse(File.ReadAllText(Repo.PathTo("bicep", "entra", "app-roles.json")));
        var roles = manifest.OfType<JObject>().ToList();

        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), roles.Select(r => (string?)r["value"]).Order(StringComparer.Ordinal));
        Assert.Equal(roles.Count, roles.Select(r => Guid.Parse((string?)r["id"] ?? string.Empty)).Distinct().Count());
        foreach (var role in roles)
        {
            Assert.True((bool?)role["isEnabled"] == true, $"{role["value"]} is disabled.");
            Assert.Equal(["User"], Json.Strings(role["allowedMemberTypes"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)role["description"]));
        }
    }

    [Fact]
    public void Every_deployment_script_is_valid_bash()
    {
        var scripts = Directory.GetFiles(Repo.PathTo("bicep"), "*.sh", SearchOption.AllDirectories)
            .Append(PublishedApps.Script)
            .ToList();
        Assert.True(scripts.Count >= 3);
        foreach (var script in scripts)
        {
            var result = ProcessRunner.Run("bash", ["-n", script], Repo.Root, TimeSpan.FromSeconds(30));
            Assert.True(result.ExitCode == 0, result.Describe($"bash -n {script}"));
        }
    }

    /// <summary>
    /// The services of azure.yaml as flattened keys ("dist", "hooks.prepackage.run"),
    /// read by indentation: enough for this file's plain mappings.
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> Services(string[] lines)
    {
        var services = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var inServices = false;
        Dictionary<string, string>? current = null;
        var path = new List<(int Indent, string Key)>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var match = YamlKey().Match(line);
            Assert.True(match.Success, $"azure.yaml: cannot read line '{line}'.");
            var indent = match.Groups["indent"].Length;
            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.Trim();
            if (indent == 0)
            {
                inServices = key == "services";
                current = null;
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            if (indent == 2)
            {
                current = [];
                services.Add(key, current);
                path.Clear();
                continue;
            }

            path.RemoveAll(p => p.Indent >= indent);
            if (value.Length == 0)
            {
                path.Add((indent, key));
            }
            else
            {
                current![string.Join('.', path.Select(p => p.Key).Append(key))] = value;
            }
        }

        return services;
    }

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z0-9_-]+):(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlKey();
}
