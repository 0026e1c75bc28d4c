using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

public sealed partial class BicepBuildTests
{
    [Fact]
    public void Main_bicep_builds_to_ARM_JSON_with_zero_errors_and_zero_linter_warnings()
    {
        var template = CompiledTemplate.Instance;

        Assert.True(template.Build.ExitCode == 0, template.Build.Describe("bicep build of bicep/main.bicep"));
        Assert.True(template.Build.StdErr.Contains("\"results\"", StringComparison.Ordinal), "bicep build wrote no SARIF diagnostics:\n" + template.Build.StdErr);
        var findings = template.Diagnostics.OfType<JObject>()
            .Select(d => $"{d["level"]} {d["ruleId"]}: {d.SelectToken("message.text")} at {d.SelectToken("locations[0].physicalLocation.artifactLocation.uri")}:{d.SelectToken("locations[0].physicalLocation.region.startLine")}")
            .ToList();
        Assert.True(findings.Count == 0, "bicep build reported:\n" + string.Join('\n', findings));
        Assert.Contains("subscriptionDeploymentTemplate", (string?)template.Arm["$schema"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_linter_warning_fails_the_build_under_the_checked_in_bicepconfig()
    {
        // A file with findings that are warnings by default, built with the project's
        // bicepconfig.json beside it: the build must fail, not just warn.
        using var temp = new TempDir("npvr-lint");
        File.Copy(Repo.PathTo("bicep", "bicepconfig.json"), temp.PathTo("bicepconfig.json"));
        File.WriteAllText(temp.PathTo("bad.bicep"), "param unusedParameter string\nvar unusedVariable = 1\n");

        var result = BicepCli.Run(temp.FullName, "build", temp.PathTo("bad.bicep"), "--stdout");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-unused-params", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("no-unused-vars", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bicepconfig_enables_the_linter_and_leaves_no_rule_at_warning_or_info_level()
    {
        var config = Json.ReadObject(Repo.PathTo("bicep", "bicepconfig.json"));

        Assert.True((bool?)config.SelectToken("analyzers.core.enabled") == true, "analyzers.core.enabled must be true");
        var rules = (config.SelectToken("analyzers.core.rules") as JObject)?.Properties().ToList() ?? [];
        Assert.NotEmpty(rules);
        var soft = rules.Where(r => (string?)r.Value["level"] is "warning" or "info").Select(r => r.Name).ToList();
        Assert.True(soft.Count == 0, "rules left below error: " + string.Join(", ", soft));
    }

    [Fact]
    public void Every_bicep_module_is_a_local_file_in_the_repository()
    {
        var bicepRoot = Repo.PathTo("bicep");
        var files = Directory.GetFiles(bicepRoot, "*.bicep", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var modules = 0;
        foreach (var file in files)
        {
            foreach (Match m in ModuleReference().Matches(File.ReadAllText(file)))
            {
                modules++;
                var target = m.Groups["path"].Value;
                Assert.False(target.StartsWith("br", StringComparison.Ordinal) || target.StartsWith("ts", StringComparison.Ordinal),
                    $"{file} uses a registry module '{target}': local modules only.");
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                Assert.True(File.Exists(resolved), $"{file}: module {target} does not exist.");
                Assert.StartsWith(bicepRoot, resolved, StringComparison.Ordinal);
            }
        }

        Assert.True(modules > 0, "main.bicep is expected to be split into modules.");
    }

    [GeneratedRegex(@"^\s*module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ModuleReference();
}
