using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Npvr.Funding.Hosting;

/// <summary>A function app: its name (the project and executable name) and its services, functions included.</summary>
public interface IFunctionApp
{
    string Name { get; }

    void ConfigureServices(IServiceCollection services, IConfiguration configuration);
}
