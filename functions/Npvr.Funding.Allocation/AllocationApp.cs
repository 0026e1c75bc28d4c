using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>Allocation: programmes, VAT estimates, DU net of compensable VAT, BCF deposits.</summary>
public sealed class AllocationApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Allocation";

    /// <summary>The queues and topics this app publishes to (its Data Sender roles; a deployment test compares with infra/topology.json).</summary>
    public IReadOnlyList<string> SendsTo => [OutboxMessage.FundingEvents];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration, new OutboxOptions([AllocationStore.TableName], SendsTo));
        services.AddSingleton<AllocationStore>();
        services.AddSingleton<IFunction, DefineProgrammeFunction>();
        services.AddSingleton<IFunction, GetProgramme>();
        services.AddSingleton<IFunction, SubmitVatEstimate>();
        services.AddSingleton<IFunction, ListAllocations>();
        services.AddSingleton<IFunction, ApplyFundingEvent>();
        services.AddSingleton<IFunction, ApplyAllocationCommand>();
    }
}
