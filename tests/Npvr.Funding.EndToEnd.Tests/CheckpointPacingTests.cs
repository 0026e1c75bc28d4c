using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 12: a checkpoint is signed after a link pass at most once per Audit:CheckpointEverySeconds per region (a pass
/// runs inside writers' requests); the LinkJournals timer signs what the pacing left.
/// </summary>
public sealed class CheckpointPacingTests
{
    [Fact]
    public async Task Link_passes_inside_the_interval_sign_nothing_and_the_timer_signs_the_rest()
    {
        await using var system = await TestSystem.StartAsync(appSettings: new Dictionary<string, string?> { ["Audit:CheckpointEverySeconds"] = "3600" });
        var sizes = new List<long?>();
        foreach (var effectiveFrom in new[] { "2025-01-15", "2025-02-15", "2025-03-15" })
        {
            var designated = await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem(effectiveFrom));
            Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
            await system.IdleAsync(); // each event linked in a pass of its own
            sizes.Add(await CheckpointSizeAsync(system));
        }

        var timer = await system.Host.RunFunctionAsync("LinkJournals");
        var afterTimer = await CheckpointSizeAsync(system);

        Assert.Equal([1L, 1L, 1L], sizes);
        Assert.True(timer.Succeeded, timer.ToString());
        Assert.Equal(3, afterTimer);
    }

    private static async Task<long?> CheckpointSizeAsync(TestSystem system)
    {
        var checkpoint = await system.Api.GetAsync("audit/regions/achterhoek/checkpoint", Principals.Auditor);
        Assert.True(checkpoint.Status == HttpStatusCode.OK, checkpoint.ToString());
        return (long?)checkpoint.Json["treeSize"];
    }
}
