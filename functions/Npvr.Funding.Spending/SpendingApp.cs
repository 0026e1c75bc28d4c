using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>Spending: the per-region hash-chained journal of every event, and the audit queries over it.</summary>
public sealed class SpendingApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Spending";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration);
        services.AddSingleton<JournalStore>();
        services.AddSingleton<IFunction, JournalEvent>();
        services.AddSingleton<IFunction, GetJournal>();
        services.AddSingleton<IFunction, VerifyJournal>();
    }
}
