using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>Spending: the per-region hash-chained journal of every event, and the audit queries over it.</summary>
public sealed class SpendingApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Spending";

    /// <summary>The queues and topics this app publishes to (its Data Sender roles; a deployment test compares with infra/topology.json).</summary>
    public IReadOnlyList<string> SendsTo => [];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration, new OutboxOptions([], SendsTo));
        services.AddSingleton<JournalStore>();
        services.AddSingleton<IFunction, JournalEvent>();
        services.AddSingleton<IFunction, GetJournal>();
        services.AddSingleton<IFunction, VerifyJournal>();
    }
}
