using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

public static class StorageServices
{
    /// <summary>Tables, clock, and the outbox relay and sweep functions over <paramref name="outboxTables"/>.</summary>
    public static IServiceCollection AddFundingStorage(this IServiceCollection services, IConfiguration configuration, params string[] outboxTables)
    {
        services.AddSingleton(FundingTables.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);
        if (outboxTables.Length > 0)
        {
            services.AddSingleton(new OutboxOptions(outboxTables));
            services.AddSingleton<IFunction, OutboxRelayFunction>();
            services.AddSingleton<IFunction, OutboxSweepFunction>();
        }
        return services;
    }
}
