using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

public static class StorageServices
{
    /// <summary>Tables and clock; with <paramref name="outbox"/>, also the Service Bus publisher, the write pipelines, the outbox sweep and the announcer of published events.</summary>
    public static IServiceCollection AddFundingStorage(this IServiceCollection services, IConfiguration configuration, OutboxOptions? outbox = null)
    {
        services.AddSingleton(FundingTables.FromConfiguration(configuration));
        // The round-trip counter attributes each request to the invocation that sent it (the benchmark only).
        if (!string.IsNullOrEmpty(configuration[StorageRoundTrips.SettingName])) services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        if (outbox is not null)
        {
            services.AddSingleton(outbox);
            services.AddSingleton(_ => FundingServiceBus.FromConfiguration(configuration));
            services.AddSingleton<OutboxPublisher>();
            services.AddSingleton<Outbox>();
            services.AddSingleton<HttpWrites>();
            services.AddSingleton<EventConsumption>();
            // An app that keeps no outbox rows (it only consumes) has no SweepOutbox or AnnouncePublications function.json either.
            if (outbox.Tables.Count > 0)
            {
                services.AddSingleton<IFunction, OutboxSweepFunction>();
                services.AddSingleton<IFunction, AnnouncePublicationsFunction>();
            }
        }
        return services;
    }
}
