using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Tests.Support;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>The local host stops, and says why, when its Azurite goes away; and only the host stops Azurite.</summary>
public sealed class AzuriteExitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task When_azurite_exits_on_its_own_the_host_is_stopped_with_the_reason_logged()
    {
        await using AzuriteRunner azurite = await AzuriteRunner.StartAsync(AzuriteFixture.Options());
        using var stop = new CancellationTokenSource();
        var logger = new ListLogger();
        var watch = LocalStorage.StopWhenItExitsAsync(azurite, stop, logger);

        Process.GetProcessById(azurite.ProcessId).Kill();

        Assert.True(await watch.WaitAsync(Bound));
        Assert.True(stop.IsCancellationRequested);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Azurite exited on its own", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_host_stops_first_azurite_stopping_is_no_news()
    {
        await using AzuriteRunner azurite = await AzuriteRunner.StartAsync(AzuriteFixture.Options());
        using var stop = new CancellationTokenSource();
        var logger = new ListLogger();
        var watch = LocalStorage.StopWhenItExitsAsync(azurite, stop, logger);

        await stop.CancelAsync();
        await azurite.DisposeAsync();

        Assert.False(await watch.WaitAsync(Bound));
        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Azurite_runs_in_a_session_of_its_own_so_a_terminal_ctrl_c_reaches_only_the_host()
    {
        await using AzuriteRunner azurite = await AzuriteRunner.StartAsync(AzuriteFixture.Options());

        // /proc/<pid>/stat: "pid (comm) state ppid pgrp session ..."; comm is node, without spaces.
        var fields = (await File.ReadAllTextAsync($"/proc/{azurite.ProcessId}/stat")).Split(' ');

        Assert.Equal(azurite.ProcessId, int.Parse(fields[5], CultureInfo.InvariantCulture));
        Assert.Equal(azurite.ProcessId, int.Parse(fields[4], CultureInfo.InvariantCulture));
    }
}
