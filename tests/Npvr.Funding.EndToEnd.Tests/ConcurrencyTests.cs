using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class ConcurrencyTests
{
    private const int Writers = 12;

    [Fact]
    public async Task Concurrent_designations_of_one_region_each_take_their_own_place_in_history_and_journal()
    {
        await using var system = await TestSystem.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem())));
        await system.IdleAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(Writers, (await system.Api.GetAsync("regions/achterhoek/kassier", Principals.Auditor)).Json["history"]!.Count());
        var journal = (await system.Api.GetAsync("audit/regions/achterhoek/journal", Principals.Auditor)).Json["items"]!;
        Assert.Equal(Enumerable.Range(1, Writers), journal.Select(e => (int)e["sequence"]!));
        Assert.Equal(Writers, journal.Select(e => (string?)e["entry"]!["eventId"]).Distinct().Count());
        var verify = (await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json;
        Assert.True((bool)verify["valid"]!);
        Assert.Empty(system.Host.Broker.DeadLetters("funding-events/Subscriptions/spending-journal"));
    }

    [Fact]
    public async Task Fifty_concurrent_designations_without_a_key_never_answer_5xx_and_history_and_journal_hold_exactly_the_successes()
    {
        await using var system = await TestSystem.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem())));
        await system.IdleAsync();

        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable, r.ToString()));
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal("application/problem+json", r.MediaType));
        var successes = responses.Count(r => r.Status == HttpStatusCode.OK);
        Assert.True(successes > 0);
        Assert.Equal(successes, (await system.Api.GetAsync("regions/achterhoek/kassier", Principals.Auditor)).Json["history"]!.Count());
        var journal = (await system.Api.GetAsync("audit/regions/achterhoek/journal?pageSize=1000", Principals.Auditor)).Json["items"]!;
        Assert.Equal(successes, journal.Count());
        Assert.True((bool)(await system.Api.GetAsync("audit/regions/achterhoek/verify", Principals.Auditor)).Json["valid"]!);
    }
}
