using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>
/// The whole system on the local host against real Azurite, isolated by a table prefix, with all messaging through
/// the host's own Service Bus AMQP endpoint on a free port. Timers run on demand.
/// </summary>
internal sealed class TestSystem : IAsyncDisposable
{
    /// <summary>Generous: on two loaded cores a burst of work (50 concurrent issues with faults) may take this long to drain.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120);

    private TestSystem(LocalFunctionsHost host, string connectionString, string tablePrefix)
    {
        Host = host;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
        Api = new FundingApi(new Uri(host.BaseUrl, "api/"));
    }

    public LocalFunctionsHost Host { get; }
    public FundingApi Api { get; }
    public string ConnectionString { get; }
    public string TablePrefix { get; }

    /// <param name="kassierStaff">Authorise <see cref="Principals.Kassier"/>'s person as staff of every <see cref="Principals.StaffOrganisations"/> first.</param>
    public static async Task<TestSystem> StartAsync(bool enableTimers = false, string? topologyFile = null, IReadOnlyDictionary<string, string?>? appSettings = null,
        bool kassierStaff = true)
    {
        var azurite = await SharedAzurite.GetAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            RepositoryRoot = RepositoryRoot.Locate(AppContext.BaseDirectory),
            Port = 0,
            ServiceBusPort = 0,
            StorageConnectionString = azurite.ConnectionString,
            TablePrefix = prefix,
            EnableTimers = enableTimers,
            TopologyFile = topologyFile,
            // The sweep publishes events unpublished for at least this long; 0 lets a test sweep right after a crash. Checkpoints
            // follow every link pass, so a test reads a checkpoint of everything linked (in Azure at most one a minute per region).
            AppSettings = WithTestDefaults(appSettings),
        }, NullLoggerFactory.Instance, CancellationToken.None);
        var system = new TestSystem(host, azurite.ConnectionString, prefix);
        if (kassierStaff) await system.AuthoriseKassierStaffAsync();
        return system;
    }

    /// <summary>The test's settings over these defaults: sweep right away, and a checkpoint after every link pass.</summary>
    private static Dictionary<string, string?> WithTestDefaults(IReadOnlyDictionary<string, string?>? appSettings)
    {
        var settings = new Dictionary<string, string?> { ["Outbox:SweepAfterSeconds"] = "0", ["Audit:CheckpointEverySeconds"] = "0" };
        foreach (var (name, value) in appSettings ?? new Dictionary<string, string?>()) settings[name] = value;
        return settings;
    }

    /// <summary>Every test kassier as active staff of their organisation, projected by every app before the test starts.</summary>
    private async Task AuthoriseKassierStaffAsync()
    {
        var answers = await Task.WhenAll(Principals.StaffOrganisations.Select(code => Api.PutAsync($"organisations/{code}/staff/{Principals.StaffObjectId(code):D}",
            Principals.Coordinator, new { tenantId = Principals.Tenant.ToString("D"), displayName = "Kassier staff of " + code })));
        foreach (var answer in answers)
            if (answer.Status != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"Authorising test kassier staff failed: {answer}");
        await IdleAsync();
    }

    public Task IdleAsync() => Host.WaitForIdleAsync(IdleTimeout);

    /// <summary>For bulk work whose messages take longer than <see cref="IdleTimeout"/> to drain.</summary>
    public Task IdleAsync(TimeSpan timeout) => Host.WaitForIdleAsync(timeout);

    public TableClient Table(string name) => new TableServiceClient(ConnectionString).GetTableClient(TablePrefix + name);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
