using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>Disbursement: tranches issued, received, in discrepancy or voided, and the runs that issue a year.</summary>
public sealed class DisbursementApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Disbursement";

    /// <summary>The queues and topics this app publishes to (its Data Sender roles; a deployment test compares with infra/topology.json).</summary>
    public IReadOnlyList<string> SendsTo => [OutboxMessage.FundingEvents, IssueYear.IssuingQueue, ProcessIssuing.SpendingCommands, ProcessIssuing.AllocationCommands];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration, new OutboxOptions([DisbursementStore.TableName], SendsTo));
        services.AddSingleton<DisbursementStore>();
        services.AddSingleton<IFunction, IssueYear>();
        services.AddSingleton<IFunction, GetTrancheRun>();
        services.AddSingleton<IFunction, ListTranches>();
        services.AddSingleton<IFunction, GetTranche>();
        services.AddSingleton<IFunction, ConfirmReceipt>();
        services.AddSingleton<IFunction, ResolveDiscrepancy>();
        services.AddSingleton<IFunction, VoidTranche>();
        services.AddSingleton<IFunction, ProcessIssuing>();
        services.AddSingleton<IFunction, ApplyFundingEvent>();
    }
}
