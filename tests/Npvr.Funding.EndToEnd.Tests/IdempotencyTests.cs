using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class IdempotencyTests
{
    private const string Kassier = "regions/achterhoek/kassier";

    [Fact]
    public async Task The_same_key_and_body_return_the_first_answer_and_raise_one_event()
    {
        await using var system = await TestSystem.StartAsync();

        var first = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "designate-achterhoek-1");
        await Task.Delay(20); // a second designation would carry a later designatedAt
        var second = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "designate-achterhoek-1");
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Single((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
        Assert.Single((await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409_idempotency_key_reused()
    {
        await using var system = await TestSystem.StartAsync();
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "k-1");

        var reused = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Gelderland("2026-01-01"), idempotencyKey: "k-1");
        await system.IdleAsync();

        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("application/problem+json", reused.MediaType);
        Assert.Equal("idempotency-key-reused", (string?)reused.Json["type"]);
        Assert.Single((await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!);
    }

    [Fact]
    public async Task A_key_is_the_callers_own_another_caller_using_it_makes_their_own_request()
    {
        await using var system = await TestSystem.StartAsync();
        var colleague = Principals.Encode("coordinator2@minbzk.nl", ["Funding.Coordinator"], Guid.Parse("7d0c9a5e-1b2f-4c3d-8e4f-5a6b7c8d9e0f"));
        var first = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "k-1");

        var theirs = await system.Api.PutAsync(Kassier, colleague, Requests.Gelderland("2026-01-01"), idempotencyKey: "k-1");
        var replay = await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem(), idempotencyKey: "k-1");
        await system.IdleAsync();

        Assert.True(theirs.Status == HttpStatusCode.OK, theirs.ToString());
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(2, (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!.Count());
    }

    [Fact]
    public async Task Without_a_key_two_identical_designations_are_two_designations()
    {
        await using var system = await TestSystem.StartAsync();

        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());
        await system.Api.PutAsync(Kassier, Principals.Coordinator, Requests.Doetinchem());
        await system.IdleAsync();

        Assert.Equal(2, (await system.Api.GetAsync(Kassier, Principals.Auditor)).Json["history"]!.Count());
    }
}
