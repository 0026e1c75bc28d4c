using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

/// <summary>One Azurite for the tests of a class; starting fails the tests (never skips them).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteRunner? _runner;

    public AzuriteRunner Runner => _runner ?? throw new InvalidOperationException("Azurite was not started.");

    public static AzuriteOptions Options(int port = 0, string? location = null) =>
        new() { InfraDirectory = RepositoryRoot.InfraDirectory(), TablePort = port, Location = location };

    public async Task InitializeAsync() => _runner = await AzuriteRunner.StartAsync(Options());

    public async Task DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }
    }
}
