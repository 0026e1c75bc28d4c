using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// The timers fired late: once nothing is in flight, every app's outbox sweep and the journal link timer run, and the
/// system is waited on again, until no outbox row is left unpublished (bounded: what is still unpublished after that
/// is reported by the outbox invariant); then every app's AnnouncePublications runs once and the system settles again.
/// </summary>
internal static class Quiesce
{
    /// <summary>A sweep publishes everything unpublished in one pass; a second covers events its own deliveries caused.</summary>
    private const int MaxPasses = 4;

    public static async Task RunAsync(SimSystem system, Findings findings)
    {
        await SettleAsync(system, findings);
        // Then every app announces what it published (issue 12 point 7); the announcements are journaled like any event,
        // so the completeness route can be checked against what the outboxes hold.
        foreach (var app in SimSystem.Apps) await FireAsync(system, "AnnouncePublications", app, findings);
        await SettleAsync(system, findings);
    }

    private static async Task SettleAsync(SimSystem system, Findings findings)
    {
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            await system.IdleAsync();
            foreach (var app in SimSystem.Apps) await FireAsync(system, "SweepOutbox", app, findings);
            await system.IdleAsync();
            await FireAsync(system, "LinkJournals", "Npvr.Funding.Spending", findings);
            if ((await FinalState.ReadOutboxAsync(system)).All(r => r.Published)) return;
        }
    }

    private static async Task FireAsync(SimSystem system, string function, string app, Findings findings)
    {
        var outcome = await system.Host.RunFunctionAsync(function, app);
        findings.Check(outcome.Succeeded, "timers-succeed", () => $"{function} of {app} fired late failed: {outcome.FailureDescription}");
    }
}
