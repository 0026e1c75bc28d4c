using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace Npvr.Funding.Storage;

/// <summary>
/// The app's Service Bus client, configured as the Functions host configures the ServiceBusConnection of the
/// function.json triggers: in Azure ServiceBusConnection__fullyQualifiedNamespace with the managed identity (no key
/// exists anywhere); locally ServiceBusConnection holds a connection string (the local host's AMQP endpoint, Microsoft's
/// emulator, or a namespace).
/// </summary>
public static class FundingServiceBus
{
    public const string ConnectionSetting = "ServiceBusConnection";

    public static ServiceBusClient FromConfiguration(IConfiguration configuration)
    {
        // A write publishes after its commit, while its caller waits: give up soon and leave the rest to the sweep,
        // instead of the SDK's default of minutes of retries.
        var options = new ServiceBusClientOptions
        {
            Identifier = "npvr-funding",
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2), TryTimeout = TimeSpan.FromSeconds(10) },
        };
        if (configuration[ConnectionSetting] is { Length: > 0 } connectionString)
            return new ServiceBusClient(connectionString, options);
        if (configuration[ConnectionSetting + ":fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace)
            return new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential(), options);
        throw new InvalidOperationException(
            $"Service Bus is not configured: set {ConnectionSetting}__fullyQualifiedNamespace (Azure) or {ConnectionSetting} (a connection string, locally).");
    }
}
