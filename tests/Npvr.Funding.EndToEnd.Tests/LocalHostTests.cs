using System.Net;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.EndToEnd.Tests;

public sealed class LocalHostTests
{
    [Fact]
    public async Task The_local_host_starts_with_the_timers_of_every_app_and_serves_requests()
    {
        await using var system = await TestSystem.StartAsync(enableTimers: true);

        var sweeps = system.Host.Functions.Count(f => f.IsTimer && f.Name == "SweepOutbox");
        var announcers = system.Host.Functions.Where(f => f.IsTimer && f.Name == "AnnouncePublications").Select(f => f.AppName).Order().ToList();
        var regions = await system.Api.GetAsync("regions", Principals.Auditor);

        Assert.True(sweeps >= 2, $"expected a SweepOutbox per writing app, found {sweeps}");
        Assert.Equal(["Npvr.Funding.Allocation", "Npvr.Funding.Disbursement", "Npvr.Funding.Registration", "Npvr.Funding.Spending"], announcers);
        Assert.Equal(HttpStatusCode.OK, regions.Status);
    }

    [Fact]
    public async Task Every_function_json_of_every_app_is_served()
    {
        await using var system = await TestSystem.StartAsync();

        var apps = system.Host.Functions.Select(f => f.AppName).Distinct().Order().ToList();

        Assert.Equal(["Npvr.Funding.Allocation", "Npvr.Funding.Disbursement", "Npvr.Funding.Registration", "Npvr.Funding.Spending"], apps);
        Assert.Contains(system.Host.Functions, f => f.IsServiceBus && f.TriggerEntityPath == "funding-events/Subscriptions/spending-journal");
        Assert.Contains(system.Host.Functions, f => f.IsHttp && f.Route == "regions/{regionId}/kassier" && f.Methods.Contains("PUT"));
    }
}
