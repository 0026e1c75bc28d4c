using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Registration;

/// <summary>Registration: regions' kassier designations and the kassier organisations' staff, with their history.</summary>
public sealed class RegistrationApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Registration";

    /// <summary>The queues and topics this app publishes to (its Data Sender roles; a deployment test compares with infra/topology.json).</summary>
    public IReadOnlyList<string> SendsTo => [OutboxMessage.FundingEvents];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration, new OutboxOptions([DesignationStore.TableName, StaffStore.TableName], SendsTo));
        services.AddSingleton<DesignationStore>();
        services.AddSingleton<IFunction, ListRegions>();
        services.AddSingleton<IFunction, GetKassier>();
        services.AddSingleton<IFunction, DesignateKassierFunction>();
        services.AddSingleton<IFunction, WithdrawDesignationFunction>();
        services.AddSingleton<StaffStore>();
        services.AddSingleton<IFunction, AuthoriseStaffFunction>();
        services.AddSingleton<IFunction, WithdrawStaffFunction>();
        services.AddSingleton<IFunction, ListStaffFunction>();
    }
}
