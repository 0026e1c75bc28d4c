using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>
/// One real Azurite (in memory) for the whole test run; each test system uses its own table prefix in it.
/// If Azurite cannot start, every test that needs it fails with Azurite's own output: nothing is skipped.
/// </summary>
internal static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteRunner>> Runner = new(StartAsync);

    public static Task<AzuriteRunner> GetAsync() => Runner.Value;

    private static async Task<AzuriteRunner> StartAsync()
    {
        var runner = await AzuriteRunner.StartAsync(new AzuriteOptions
        {
            InfraDirectory = RepositoryRoot.InfraDirectory(AppContext.BaseDirectory),
            TablePort = 0,
            BlobService = true,
            StartupTimeout = TimeSpan.FromSeconds(60),
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => runner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return runner;
    }
}
