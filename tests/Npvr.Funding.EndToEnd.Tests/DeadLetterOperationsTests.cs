using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Ops;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>tools/Npvr.Funding.Ops against a running local host, through the Service Bus client only.</summary>
public sealed class DeadLetterOperationsTests : IDisposable
{
    private const string JournalSubscription = "funding-events/Subscriptions/spending-journal";
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(3);
    private readonly string _topology = ShortWindowTopology();

    [Fact]
    public async Task A_dead_letter_of_a_broken_consumer_is_shown_with_its_reason_and_once_repaired_a_resubmit_applies_it_once()
    {
        await using var system = await TestSystem.StartAsync(topologyFile: _topology);
        system.Host.Faults.Break("JournalEvent", "journal schema mismatch");

        var designated = await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();
        var list = await OpsAsync(system, "dead-letters");
        var show = await OpsAsync(system, "dead-letters", "show", "--entity", JournalSubscription);

        Assert.Equal(HttpStatusCode.OK, designated.Status);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"funding-events/Subscriptions/spending-journal\s+0\s+1", list.Output);
        Assert.Contains("event KassierDesignated", show.Output, StringComparison.Ordinal);
        Assert.Contains("reason MaxDeliveryCountExceeded", show.Output, StringComparison.Ordinal);
        Assert.Empty((await JournalAsync(system)));

        system.Host.Faults.Repair("JournalEvent");
        var resubmit = await ResubmitOnceOutsideTheWindowAsync(system);
        await system.IdleAsync();

        Assert.Equal(0, resubmit.ExitCode);
        Assert.Contains("1 resubmitted to funding-events", resubmit.Output, StringComparison.Ordinal);
        var journal = await JournalAsync(system);
        Assert.Equal("KassierDesignated", (string?)Assert.Single(journal)["entry"]!["type"]);
        Assert.Empty(system.Host.Broker.DeadLetters(JournalSubscription));
        var again = await OpsAsync(system, "dead-letters", "resubmit", "--entity", JournalSubscription, "--all");
        await system.IdleAsync();
        Assert.Contains("0 resubmitted", again.Output, StringComparison.Ordinal);
        Assert.Single(await JournalAsync(system));
    }

    public void Dispose() => File.Delete(_topology);

    /// <summary>
    /// A resubmit inside the duplicate window of the original send would be dropped by Service Bus, so the tool holds
    /// it (exit 1) until the window has passed; bounded by a few windows.
    /// </summary>
    private async Task<(int ExitCode, string Output)> ResubmitOnceOutsideTheWindowAsync(TestSystem system)
    {
        var deadline = DateTime.UtcNow + (4 * DuplicateWindow);
        while (true)
        {
            var result = await OpsAsync(system, "dead-letters", "resubmit", "--entity", JournalSubscription, "--all");
            if (result.ExitCode == 0 || DateTime.UtcNow > deadline) return result;
            Assert.Contains("held (Service Bus would drop it as a duplicate until", result.Output, StringComparison.Ordinal);
            await Task.Delay(DuplicateWindow / 3);
        }
    }

    private async Task<(int ExitCode, string Output)> OpsAsync(TestSystem system, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = args.Concat(["--connection", system.Host.ServiceBusConnectionString, "--topology", _topology]).ToArray();
        var exit = await OpsCommand.RunAsync(all, output, error, CancellationToken.None);
        return (exit, output + error.ToString());
    }

    private static async Task<JArray> JournalAsync(TestSystem system) =>
        (JArray)(await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!;

    /// <summary>infra/topology.json with a duplicate detection window short enough to wait out in a test.</summary>
    private static string ShortWindowTopology()
    {
        var topology = JObject.Parse(File.ReadAllText(Path.Combine(LocalHost.Azurite.RepositoryRoot.Locate(AppContext.BaseDirectory), "infra", "topology.json")));
        foreach (var entity in topology.SelectTokens("$..properties").OfType<JObject>().Where(p => p["duplicateDetectionHistoryTimeWindow"] is not null))
            entity["duplicateDetectionHistoryTimeWindow"] = System.Xml.XmlConvert.ToString(DuplicateWindow);
        var path = Path.Combine(Path.GetTempPath(), $"npvr-topology-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, topology.ToString());
        return path;
    }
}
