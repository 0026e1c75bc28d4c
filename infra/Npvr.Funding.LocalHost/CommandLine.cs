using System.Globalization;
using Npvr.Funding.LocalHost.Broker.Amqp;

namespace Npvr.Funding.LocalHost;

/// <summary>The local host's few switches.</summary>
internal sealed record CommandLine(
    bool Fresh, int Port, string? StorageConnectionString, int ServiceBusPort, string? ServiceBusConnectionString, bool Help)
{
    public const string Usage = """
        usage: dotnet run --project infra/Npvr.Funding.LocalHost [-- [--fresh] [--port N] [--storage CONNECTION_STRING]
                                                                     [--servicebus-port N | --servicebus CONNECTION_STRING] [--help]]
          --fresh              start on empty local storage (deletes .localdata/azurite)
          --port N             serve on http://localhost:N (default 7071)
          --storage            use this Table Storage instead of starting Azurite (also: Storage__ConnectionString)
          --servicebus-port N  the local Service Bus AMQP endpoint listens on 127.0.0.1:N (default 5672)
          --servicebus         use this Service Bus (Microsoft's emulator or a namespace with infra/topology.json's
                               entities) instead of starting the local broker; no broker fault hooks then
          --help               print this and exit
        """;

    /// <summary>Null when the arguments are not understood (the caller prints <see cref="Usage"/>).</summary>
    public static CommandLine? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new CommandLine(
            false, 7071, Environment.GetEnvironmentVariable("Storage__ConnectionString"), ServiceBusAmqpEndpointOptions.DefaultPort, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return result with { Help = true };
                case "--fresh":
                    result = result with { Fresh = true };
                    break;
                case "--port" when TryPort(args, i + 1, out var port):
                    result = result with { Port = port };
                    i++;
                    break;
                case "--storage" when i + 1 < args.Length:
                    result = result with { StorageConnectionString = args[++i] };
                    break;
                case "--servicebus-port" when TryPort(args, i + 1, out var serviceBusPort):
                    result = result with { ServiceBusPort = serviceBusPort };
                    i++;
                    break;
                case "--servicebus" when i + 1 < args.Length && args[i + 1].Length > 0:
                    result = result with { ServiceBusConnectionString = args[++i] };
                    break;
                default:
                    return null;
            }
        }
        return result;
    }

    private static bool TryPort(string[] args, int index, out int port)
    {
        port = 0;
        return index < args.Length
            && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is > 0 and < 65536;
    }
}
