using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class JournalPagingTests
{
    private const string Journal = "audit/regions/achterhoek/journal";

    [Fact]
    public async Task The_journal_pages_in_sequence_order_until_the_token_is_null()
    {
        await using var system = await TestSystem.StartAsync();
        foreach (var year in new[] { "2025", "2026", "2027" })
            await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem($"{year}-01-01"));
        await system.IdleAsync();

        var first = (await system.Api.GetAsync($"{Journal}?pageSize=2", Principals.Auditor)).Json;
        var token = (string?)first["continuationToken"];
        var second = (await system.Api.GetAsync($"{Journal}?pageSize=2&continuationToken={Uri.EscapeDataString(token!)}", Principals.Auditor)).Json;

        Assert.Equal([1, 2], first["items"]!.Select(e => (int)e["sequence"]!));
        Assert.Equal([3], second["items"]!.Select(e => (int)e["sequence"]!));
        Assert.Null((string?)second["continuationToken"]);
        var from = (await system.Api.GetAsync($"{Journal}?from=3", Principals.Auditor)).Json["items"]!;
        Assert.Equal(3, (int)Assert.Single(from)["sequence"]!);
    }

    [Theory]
    [InlineData("?pageSize=0", "page-size-invalid")]
    [InlineData("?pageSize=1001", "page-size-invalid")]
    [InlineData("?from=0", "from-invalid")]
    [InlineData("?continuationToken=bm90LW91cnM=", "continuation-token-invalid")]
    public async Task A_bad_paging_parameter_is_400(string query, string type)
    {
        await using var system = await TestSystem.StartAsync();

        var response = await system.Api.GetAsync(Journal + query, Principals.Auditor);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(type, (string?)response.Json["type"]);
    }

    [Fact]
    public async Task An_unknown_region_has_no_journal()
    {
        await using var system = await TestSystem.StartAsync();

        var response = await system.Api.GetAsync("audit/regions/randstad/journal", Principals.Auditor);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("region-not-found", (string?)response.Json["type"]);
    }
}
