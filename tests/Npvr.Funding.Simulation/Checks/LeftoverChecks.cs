using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Faults;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// Nothing left behind: no dead letter that was not resubmitted, every issue run with a final outcome for every region
/// (none still "queued"), every import job finished (completed, rejected or failed: none still checking or writing).
/// </summary>
internal static class LeftoverChecks
{
    public static async Task RunAsync(SimSystem system, SimClient client, Seen seen, Findings findings)
    {
        foreach (var entity in FaultPlan.Entities)
        {
            var letters = system.Broker.DeadLetters(entity);
            findings.Check(letters.Count == 0, "nothing-dead-lettered",
                () => $"{entity} holds {letters.Count} dead letter(s) nobody resubmitted, e.g. {letters[0].MessageId}: {letters[0].DeadLetterReason} {letters[0].DeadLetterErrorDescription}");
        }
        foreach (var runId in seen.RunIds.Distinct().Order(StringComparer.Ordinal))
        {
            var run = await client.ReadAsync($"tranche-runs/{runId}", Principals.Finance);
            var queued = run["regions"]!.Where(r => (string?)r["outcome"] == "queued").Select(r => (string?)r["regionId"]).ToList();
            findings.Check(queued.Count == 0, "runs-complete", () => $"run {runId} still has {string.Join(", ", queued)} queued");
        }
        foreach (var path in seen.ImportPaths.Distinct().Order(StringComparer.Ordinal))
        {
            var job = await client.ReadAsync(path, Principals.Auditor);
            // "failed" is final too: lines the check passed and the write refused (the year closed in between), each listed.
            findings.Check((string?)job["status"] is "completed" or "rejected" or "failed", "imports-finish", () => $"import {path} is still {job["status"]}: {job.ToString(Newtonsoft.Json.Formatting.None)}");
        }
    }
}
