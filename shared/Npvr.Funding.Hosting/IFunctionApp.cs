using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Npvr.Funding.Hosting;

/// <summary>A function app: its name (the project and executable name) and its services, functions included.</summary>
public interface IFunctionApp
{
    string Name { get; }

    /// <summary>
    /// The queues and topics the app publishes to itself (with ServiceBusSender, not through bindings, so function.json
    /// cannot tell): the source of its Data Sender roles, checked against infra/topology.json by the deployment tests.
    /// </summary>
    IReadOnlyList<string> SendsTo { get; }

    void ConfigureServices(IServiceCollection services, IConfiguration configuration);
}
