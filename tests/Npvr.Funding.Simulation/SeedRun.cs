using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Checks;
using Npvr.Funding.Simulation.Faults;
using Npvr.Funding.Simulation.Harness;
using Npvr.Funding.Simulation.Workload;

namespace Npvr.Funding.Simulation;

/// <summary>What one seed did and found.</summary>
internal sealed record SeedResult(
    int Seed,
    TimeSpan Duration,
    int Requests,
    int CrashAnswers,
    int Contention,
    int InvariantsChecked,
    IReadOnlyList<Finding> Broken,
    int BrokenCount,
    FaultTally Faults,
    string Schedule,
    string WorkloadDigest,
    string? StateHash,
    IReadOnlyDictionary<string, int> Tolerated,
    IReadOnlyList<string> Trace)
{
    public bool Failed => BrokenCount > 0;
}

/// <summary>
/// One seed: the whole system on fresh tables, the seed's rounds of work with its faults, the late timers, every
/// invariant, the state hash; then the seed's tables are deleted. An exception that ends the seed early (a contract
/// breach, a request or idle wait timing out) is its first broken invariant.
/// </summary>
internal static class SeedRun
{
    public static async Task<SeedResult> RunAsync(int seed, string topologyPath, string? plantedBug, IReadOnlySet<string>? faultKinds, ILoggerFactory loggers)
    {
        var clock = Stopwatch.StartNew();
        var findings = new Findings();
        var trace = new SeedTrace();
        var tally = new FaultTally();
        var world = new World(seed);
        var planner = new RoundPlanner(world);
        var plan = FaultPlan.For(seed, planner.TotalRounds, faultKinds);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string? stateHash = null;
        SimClient? client = null;
        try
        {
            await using var system = await trace.TimeAsync("start", () => SimSystem.StartAsync(topologyPath, plantedBug, loggers));
            client = new SimClient(system, findings);
            var injector = new FaultInjector(system, plan, tally, trace);
            var driver = new RoundDriver(system, client, injector, tally, findings, digest, trace);
            var snapshot = Snapshot.Empty;
            for (var round = 0; round < planner.TotalRounds; round++)
            {
                await driver.RunAsync(planner.Plan(round, snapshot));
                if (round + 1 < planner.TotalRounds) snapshot = await Snapshot.ReadAsync(client, world);
            }
            await trace.TimeAsync("quiesce (late timers)", () => Quiesce.RunAsync(system, findings));
            injector.Finish();
            var state = await trace.TimeAsync("invariants", () => Invariants.CheckAsync(system, client, world, driver.Seen, findings));
            stateHash = StateHash.Of(state);
            trace.Add("dispose (delete the seed's tables)...");
        }
        catch (ContractViolationException e)
        {
            findings.Break("http-contract", e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException
            or IOException or System.Net.Sockets.SocketException or RequestFailedException or ServiceBusException or Newtonsoft.Json.JsonException or FormatException)
        {
            findings.Break("seed-completes", $"the seed ended early: {e.GetType().Name}: {e.Message}");
        }
        var schedule = $"rounds: {planner.TotalRounds} (set-up, {planner.RandomRounds} random{(planner.SettlesAndCloses ? ", settle 2025, close, after the close" : "")}); "
            + $"regions: {string.Join(", ", world.Regions)}; gross {world.Gross}\nfaults:\n{plan.Describe()}";
        return new SeedResult(seed, clock.Elapsed, client?.Requests ?? 0, client?.CrashAnswers ?? 0, client?.Contention ?? 0, findings.Checked,
            findings.Broken, findings.BrokenCount, tally, schedule, Convert.ToHexStringLower(digest.GetCurrentHash()), stateHash, findings.Tolerated,
            [.. trace.Lines, .. findings.ToleratedDetails.Select(d => "tolerated " + d)]);
    }
}
