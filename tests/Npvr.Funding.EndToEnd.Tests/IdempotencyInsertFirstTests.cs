using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Storage;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 15: the idempotency record is inserted with the write and read only when that insert finds it, so a first
/// request with a key costs no read for it; repeats still answer their first answer, also when the state moved on.
/// </summary>
public sealed class IdempotencyInsertFirstTests
{
    private const string Kassier = "regions/achterhoek/kassier";

    [Fact]
    public async Task A_designation_with_a_key_costs_three_round_trips_on_its_request_path_read_head_commit_mark()
    {
        var run = "path-" + Guid.NewGuid().ToString("N")[..8];
        await using var system = await TestSystem.StartAsync(appSettings: new Dictionary<string, string?> { [StorageRoundTrips.SettingName] = run });
        Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem())).Status);

        var before = DesignationRoundTrips(run);
        var designated = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "first-" + run);

        Assert.Equal(HttpStatusCode.OK, designated.Status);
        Assert.Equal(3, DesignationRoundTrips(run) - before);
    }

    [Fact]
    public async Task A_repeat_that_the_state_would_now_refuse_answers_its_first_answer()
    {
        await using var system = await TestSystem.StartAsync();
        var first = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-01-15"), idempotencyKey: "k-early");
        Assert.Equal(HttpStatusCode.OK, (await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Gelderland("2026-01-01"))).Status);

        var repeat = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-01-15"), idempotencyKey: "k-early");
        var fresh = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem("2025-01-15"), idempotencyKey: "k-new");

        Assert.Equal((first.Status, first.Body), (repeat.Status, repeat.Body));
        Assert.Equal(HttpStatusCode.BadRequest, fresh.Status);
        Assert.Equal("effective-from-before-current", (string?)fresh.Json["type"]);
        Assert.Equal(2, (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!.Count());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_designation_and_all_get_its_answer()
    {
        await using var system = await TestSystem.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "k-racing")));
        await system.IdleAsync();

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, answers[0].Body), (a.Status, a.Body)));
        Assert.Single((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
        Assert.Single((await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!);
    }

    private static long DesignationRoundTrips(string run) =>
        StorageRoundTrips.Counter(run, "Npvr.Funding.Registration").Snapshot().GetValueOrDefault("DesignateKassier");
}
