namespace Npvr.Funding.Deployment.Tests;

/// <summary>Built-in Azure role definition ids (the same GUIDs in every tenant).</summary>
internal static class RoleIds
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    public const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";

    public static string NameOf(string id) => id switch
    {
        StorageBlobDataOwner => "Storage Blob Data Owner",
        StorageTableDataContributor => "Storage Table Data Contributor",
        StorageBlobDataContributor => "Storage Blob Data Contributor",
        ServiceBusDataSender => "Azure Service Bus Data Sender",
        ServiceBusDataReceiver => "Azure Service Bus Data Receiver",
        MonitoringMetricsPublisher => "Monitoring Metrics Publisher",
        KeyVaultCryptoUser => "Key Vault Crypto User",
        _ => id,
    };
}
