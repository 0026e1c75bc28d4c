using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Faults;
using Npvr.Funding.Simulation.Workload;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>What the answers named that the final checks look at again: issue runs and import jobs.</summary>
internal sealed class Seen
{
    public ConcurrentBag<string> RunIds { get; } = [];
    public ConcurrentBag<string> ImportPaths { get; } = [];
}

/// <summary>
/// Runs one round: arms its faults, runs the call a crash is aimed at alone, then the others at once with the round's
/// early timers, restarts the host if planned (before the round's messages are handled), waits until the system is
/// idle and clears the faults that end with the round. Every call goes into the workload digest as it was chosen.
/// </summary>
internal sealed class RoundDriver(SimSystem system, SimClient client, FaultInjector injector, FaultTally tally, Findings findings, IncrementalHash digest, SeedTrace trace)
{
    public Seen Seen { get; } = new();

    public async Task RunAsync(Round round)
    {
        digest.AppendData(Encoding.UTF8.GetBytes($"round {round.Number} {round.Phase}\n"));
        foreach (var call in round.Calls) digest.AppendData(Encoding.UTF8.GetBytes(call.Describe() + "\n"));
        var started = trace.Elapsed;
        injector.ArmBefore(round.Number);
        var timers = injector.TimersIn(round.Number).Select(FireAsync).ToList();
        var calls = round.Calls.ToList();
        if (injector.CrashesHttpIn(round.Number) && calls.FirstOrDefault(c => c.IsWrite) is { } victim)
        {
            calls.Remove(victim);
            tally.Armed(FaultKind.CrashHttp);
            var retried = await client.RunWithCrashAsync(victim);
            Note(victim, retried);
            trace.Add($"  {victim.Label} {victim.Method} {victim.Path}: crashed (500), then {(int)retried.Status} on the retry");
        }
        var answers = await Task.WhenAll(calls.Select(client.RunAsync));
        for (var i = 0; i < calls.Count; i++)
        {
            Note(calls[i], answers[i]);
            trace.Add($"  {calls[i].Label} {calls[i].Method} {calls[i].Path}: {(int)answers[i].Status}{Problem(answers[i])}");
        }
        await Task.WhenAll(timers);
        if (injector.RestartsAfter(round.Number))
        {
            tally.Armed(FaultKind.Restart);
            injector.BeforeRestart();
            await system.RestartAsync();
            injector.AfterRestart(round.Number);
        }
        var requestsDone = trace.Elapsed;
        await system.IdleAsync();
        await injector.ClearAfterAsync(round.Number);
        trace.Add($"round {round.Number} ({round.Phase}): requests {(requestsDone - started).TotalMilliseconds:0} ms, until quiet {(trace.Elapsed - requestsDone).TotalMilliseconds:0} ms");
    }

    private static string Problem(ApiResponse answer) =>
        answer.MediaType == "application/problem+json" ? " " + (string?)answer.Json["type"] : "";

    /// <summary>An early timer: fired while the round's requests run (the sweep may race a writer's own publish).</summary>
    private async Task FireAsync(PlannedFault timer)
    {
        tally.Armed(FaultKind.TimerEarly);
        var (function, app) = (timer.Target.Split('@')[0], timer.Target.Split('@')[1]);
        await Task.Delay(timer.Count);
        var outcome = await system.Host.RunFunctionAsync(function, app);
        findings.Check(outcome.Succeeded, "timers-succeed", () => $"{timer.Target} fired early failed: {outcome.FailureDescription}");
    }

    private void Note(Call call, ApiResponse answer)
    {
        if (answer.Status != HttpStatusCode.Accepted) return;
        if (call.Label == "issue") Seen.RunIds.Add((string)answer.Json["runId"]!);
        if (call.Label == "import" && answer.Headers.TryGetValue("Location", out var location)) Seen.ImportPaths.Add(location["/api/".Length..]);
    }
}
