using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>The layout `azd up` deploys: what the Functions host expects to find.</summary>
public sealed class PublishLayoutTests(PublishedApps published) : IClassFixture<PublishedApps>
{
    [Fact]
    public void Every_app_publishes_with_the_script_the_azd_hooks_run()
    {
        Assert.NotEmpty(published.Apps);
        foreach (var app in published.Apps)
        {
            published.Succeeded(app);
        }
    }

    [Fact]
    public void The_nested_publishes_leave_no_build_process_running()
    {
        Assert.NotEmpty(published.Apps);

        // Node reuse would keep MSBuild nodes alive for minutes; a bounded wait lets a finishing node exit.
        var survivors = NestedBuilds.SurvivorsAfter(TimeSpan.FromSeconds(30));

        Assert.True(survivors.Count == 0, "Processes of the nested dotnet publish are still running:\n" + string.Join("\n", survivors));
    }

    [Fact]
    public void Every_published_app_has_the_self_contained_linux_x64_executable_its_host_json_names()
    {
        foreach (var app in published.Apps.Select(published.Succeeded))
        {
            var exeName = app.Source.ExecutablePath;
            Assert.False(Path.IsPathRooted(exeName), $"{app.Source.HostJsonPath}: defaultExecutablePath must be relative to the app root.");
            var exe = Path.Combine(app.Folder, exeName);
            Assert.True(File.Exists(exe), $"{app.Source.Name}: host.json names {exeName} but the published app has no such file.");
            var workingDirectory = (string?)app.Source.HostJson.SelectToken("customHandler.description.workingDirectory") ?? string.Empty;
            Assert.True(Directory.Exists(Path.Combine(app.Folder, workingDirectory)), $"{app.Source.Name}: workingDirectory '{workingDirectory}' is not in the published app.");

            if (!OperatingSystem.IsWindows())
            {
                Assert.True((File.GetUnixFileMode(exe) & UnixFileMode.UserExecute) != 0, $"{exe} is not executable.");
            }

            // An x86-64 ELF executable (e_machine 0x3E).
            var header = new byte[20];
            using (var stream = File.OpenRead(exe))
            {
                stream.ReadExactly(header);
            }

            Assert.True(header[0] == 0x7F && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F', $"{exe} is not an ELF executable.");
            Assert.Equal(0x3E, header[18]);

            // Self-contained: the runtime ships with the app, none is taken from the machine.
            var runtimeConfig = Json.ReadObject(Path.Combine(app.Folder, $"{exeName}.runtimeconfig.json"));
            Assert.NotNull(runtimeConfig.SelectToken("runtimeOptions.includedFrameworks"));
            Assert.Null(runtimeConfig.SelectToken("runtimeOptions.framework"));
            Assert.Null(runtimeConfig.SelectToken("runtimeOptions.frameworks"));
            Assert.True(File.Exists(Path.Combine(app.Folder, "libcoreclr.so")), $"{app.Source.Name}: no libcoreclr.so, so not self-contained.");
            var deps = Json.ReadObject(Path.Combine(app.Folder, $"{exeName}.deps.json"));
            Assert.EndsWith("/linux-x64", (string?)deps.SelectToken("runtimeTarget.name"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_function_folder_is_published_with_its_function_json_beside_an_unchanged_host_json()
    {
        foreach (var app in published.Apps.Select(published.Succeeded))
        {
            Assert.NotEmpty(app.Source.Functions);
            Assert.Equal(File.ReadAllBytes(app.Source.HostJsonPath), File.ReadAllBytes(Path.Combine(app.Folder, "host.json")));

            var expected = app.Source.Functions.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
            var actual = Directory.GetDirectories(app.Folder)
                .Where(d => File.Exists(Path.Combine(d, "function.json")))
                .Select(d => Path.GetFileName(d))
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(expected, actual);
            foreach (var function in app.Source.Functions)
            {
                Assert.Equal(
                    File.ReadAllBytes(Path.Combine(function.Folder, "function.json")),
                    File.ReadAllBytes(Path.Combine(app.Folder, function.Name, "function.json")));
            }
        }
    }

    [Fact]
    public async Task Published_executable_starts_without_a_dotnet_install_and_answers_on_the_custom_handler_port()
    {
        var template = CompiledTemplate.Instance;
        foreach (var app in published.Apps.Select(published.Succeeded))
        {
            // The settings the template gives the app in Azure, with stand-ins for values
            // only known after deployment, and nothing else: no PATH to a dotnet, no DOTNET_ROOT.
            var port = FreePort();
            var start = new ProcessStartInfo(Path.Combine(app.Folder, app.Source.ExecutablePath))
            {
                WorkingDirectory = app.Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Clear();
            foreach (var (name, value) in CompiledTemplate.SettingsOf(template.SiteOfApp(app.Source.Name)))
            {
                start.Environment[name] = StandIn(name, value);
            }

            start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["PATH"] = "/nonexistent";
            start.Environment["HOME"] = app.Folder;

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                var answered = await AnswersAsync(port, process, TimeSpan.FromSeconds(30));
                if (!answered)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    Assert.Fail($"{app.Source.Name} did not answer GET / on port {port} within 30 s (exit {(process.HasExited ? process.ExitCode : -1)}).\n{await stdout}\n{await stderr}");
                }
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
    }

    [Fact]
    public void Publish_script_refuses_an_app_that_does_not_exist()
    {
        using var temp = new TempDir("npvr-publish-missing");
        var result = PublishedApps.RunPublishScript("NoSuchApp", temp.PathTo("out"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Npvr.Funding.NoSuchApp", result.StdErr, StringComparison.Ordinal);
    }

    private static string StandIn(string name, string value)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }

        return name switch
        {
            _ when name.EndsWith("__fullyQualifiedNamespace", StringComparison.Ordinal) => "sb-standin.servicebus.windows.net",
            "Storage__TableEndpoint" => "https://ststandin.table.core.windows.net/",
            "Storage__BlobEndpoint" => "https://ststandin.blob.core.windows.net/",
            "Audit__KeyVaultUri" => "https://kv-standin.vault.azure.net/",
            "APPLICATIONINSIGHTS_CONNECTION_STRING" => "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            // A deployment generates the key (a parameter default): 32 random bytes stand in for it.
            "Paging__TokenKey" => Convert.ToBase64String(new byte[32]),
            _ => "stand-in",
        };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port, Process process, TimeSpan within)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }
}
