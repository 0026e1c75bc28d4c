using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.ServiceBus.Tests.Support;

/// <summary>
/// Opt-in (NPVR_SERVICEBUS_EMULATOR=docker): Microsoft's Service Bus emulator with the SQL Edge database it needs,
/// and Azurite, in containers, with the emulator configured from conformance-topology.json. Needs a Docker engine
/// that can pull from mcr.microsoft.com; without one, starting fails with Testcontainers' error (never a skip).
/// This project's machines have no image registry, so this fixture has not been run here.
/// </summary>
public sealed class EmulatorContainers : IAsyncDisposable
{
    private const string ServiceBusImage = "mcr.microsoft.com/azure-messaging/servicebus-emulator:latest";
    private const string SqlImage = "mcr.microsoft.com/azure-sql-edge:latest";
    private const string AzuriteImage = "mcr.microsoft.com/azure-storage/azurite:latest";
    private const string SqlAlias = "sqledge";
    private const int AmqpPort = 5672;
    private const int TablePort = 10002;

    private readonly INetwork _network;
    private readonly IReadOnlyList<IContainer> _containers;

    private EmulatorContainers(INetwork network, IReadOnlyList<IContainer> containers, string serviceBusConnectionString, string storageConnectionString)
    {
        _network = network;
        _containers = containers;
        ServiceBusConnectionString = serviceBusConnectionString;
        StorageConnectionString = storageConnectionString;
    }

    public string ServiceBusConnectionString { get; }

    /// <summary>Azurite's table endpoint, for running the whole system on the emulator.</summary>
    public string StorageConnectionString { get; }

    public static async Task<EmulatorContainers> StartAsync(string topologyPath)
    {
        string password = "Npvr-" + Guid.NewGuid().ToString("N")[..16] + "!";
        INetwork network = new NetworkBuilder().Build();
        IContainer sql = new ContainerBuilder(SqlImage)
            .WithNetwork(network).WithNetworkAliases(SqlAlias)
            .WithEnvironment("ACCEPT_EULA", "Y").WithEnvironment("MSSQL_SA_PASSWORD", password)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(1433))
            .Build();
        IContainer serviceBus = new ContainerBuilder(ServiceBusImage)
            .WithNetwork(network)
            .WithEnvironment("ACCEPT_EULA", "Y").WithEnvironment("SQL_SERVER", SqlAlias).WithEnvironment("MSSQL_SA_PASSWORD", password)
            .WithResourceMapping(Encoding.UTF8.GetBytes(EmulatorConfig(topologyPath)), "/ServiceBus_Emulator/ConfigFiles/Config.json")
            .WithPortBinding(AmqpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Emulator Service is Successfully Up"))
            .Build();
        IContainer azurite = new ContainerBuilder(AzuriteImage)
            .WithCommand("azurite-table", "--tableHost", "0.0.0.0")
            .WithPortBinding(TablePort, assignRandomHostPort: true)
            .Build();
        await network.CreateAsync();
        await sql.StartAsync();
        await serviceBus.StartAsync();
        await azurite.StartAsync();
        string serviceBusConnection = $"Endpoint=sb://{serviceBus.Hostname}:{serviceBus.GetMappedPublicPort(AmqpPort)};"
            + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        string storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"TableEndpoint=http://{azurite.Hostname}:{azurite.GetMappedPublicPort(TablePort)}/devstoreaccount1;";
        return new EmulatorContainers(network, [serviceBus, sql, azurite], serviceBusConnection, storage);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IContainer container in _containers)
        {
            await container.DisposeAsync();
        }

        await _network.DisposeAsync();
    }

    /// <summary>Our ARM-style topology in the emulator's Config.json shape (one namespace, "sbemulatorns").</summary>
    public static string EmulatorConfig(string topologyPath)
    {
        JObject topology = JObject.Parse(File.ReadAllText(topologyPath));
        static JObject Properties(JToken entity, params string[] names)
        {
            var properties = new JObject();
            if (names.Contains("lockDuration"))
            {
                properties["RequiresSession"] = false; // sessions are not used by the system
            }

            foreach (string name in names)
            {
                if (entity["properties"]?[name] is { } value)
                {
                    properties[char.ToUpperInvariant(name[0]) + name[1..]] = value;
                }
            }

            return properties;
        }

        string[] receiving = ["lockDuration", "maxDeliveryCount", "deadLetteringOnMessageExpiration", "defaultMessageTimeToLive"];
        string[] sending = ["requiresDuplicateDetection", "duplicateDetectionHistoryTimeWindow", "defaultMessageTimeToLive"];
        var queues = new JArray((topology["queues"] as JArray ?? []).Select(q => new JObject
        {
            ["Name"] = q["name"],
            ["Properties"] = Properties(q, [.. receiving, .. sending]),
        }));
        var topics = new JArray((topology["topics"] as JArray ?? []).Select(t => new JObject
        {
            ["Name"] = t["name"],
            ["Properties"] = Properties(t, sending),
            ["Subscriptions"] = new JArray((t["subscriptions"] as JArray ?? []).Select(s => new JObject
            {
                ["Name"] = s["name"],
                ["Properties"] = Properties(s, receiving),
                ["Rules"] = new JArray(),
            })),
        }));
        var config = new JObject
        {
            ["UserConfig"] = new JObject
            {
                ["Namespaces"] = new JArray(new JObject { ["Name"] = "sbemulatorns", ["Queues"] = queues, ["Topics"] = topics }),
                ["Logging"] = new JObject { ["Type"] = "File" },
            },
        };
        return config.ToString();
    }
}
