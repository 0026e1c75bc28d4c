using Newtonsoft.Json.Linq;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.LocalHost.Tests.Functions;

public sealed class ServiceBusTriggerSettingsTests : IDisposable
{
    private readonly string _hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");

    [Fact]
    public void Host_json_settings_are_read_and_a_trigger_s_auto_complete_wins()
    {
        File.WriteAllText(_hostJson, """
            { "version": "2.0", "extensions": { "serviceBus": {
                "maxConcurrentCalls": 4, "autoCompleteMessages": true, "prefetchCount": 10, "maxAutoLockRenewalDuration": "00:02:00" } } }
            """);

        ServiceBusTriggerSettings settings = ServiceBusTriggerSettings.Read(_hostJson, JObject.Parse("""{ "autoCompleteMessages": false }"""));

        Assert.Equal(new ServiceBusTriggerSettings(4, false, 10, TimeSpan.FromMinutes(2)), settings);
    }

    [Fact]
    public void Without_settings_the_extension_defaults_apply()
    {
        File.WriteAllText(_hostJson, """{ "version": "2.0" }""");

        ServiceBusTriggerSettings settings = ServiceBusTriggerSettings.Read(_hostJson, []);

        Assert.Equal(new ServiceBusTriggerSettings(16, true, 0, TimeSpan.FromMinutes(5)), settings);
    }

    [Fact]
    public void Every_app_of_the_repository_runs_its_triggers_with_auto_complete()
    {
        string root = LocalHost.Azurite.RepositoryRoot.Locate(AppContext.BaseDirectory);
        var apps = FunctionCatalog.AppDirectories(root);

        Assert.NotEmpty(apps);
        Assert.All(
            apps.SelectMany(app => FunctionCatalog.Read(app).Where(f => f.IsServiceBus).Select(f => ServiceBusTriggerSettings.Read(Path.Combine(app, "host.json"), f.Trigger))),
            settings => Assert.True(settings.AutoCompleteMessages));
    }

    public void Dispose() => File.Delete(_hostJson);
}
