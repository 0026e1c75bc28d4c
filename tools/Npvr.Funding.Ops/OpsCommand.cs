using System.Globalization;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.Ops;

/// <summary>Runs one command of the tool and writes what an operator reads; returns the exit code.</summary>
public static class OpsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is ["--help"] or ["-h"])
        {
            await output.WriteLineAsync(OpsArguments.Usage);
            return 0;
        }
        var arguments = OpsArguments.Parse(args);
        if (arguments is null)
        {
            await error.WriteLineAsync(OpsArguments.Usage);
            return 2;
        }
        var topologyPath = arguments.Topology ?? LocateTopology();
        var entities = OpsTopology.Load(topologyPath).Where(e => arguments.Entity is null || e.Path.Equals(arguments.Entity, StringComparison.OrdinalIgnoreCase)).ToList();
        if (entities.Count == 0)
        {
            await error.WriteLineAsync($"No queue or subscription '{arguments.Entity}' in {topologyPath}.");
            return 2;
        }
        await using var client = Client(arguments);
        var operations = new DeadLetterOperations(client, TimeProvider.System);
        try
        {
            return arguments.Verb switch
            {
                "list" => await ListAsync(operations, entities, output, cancellationToken),
                "show" => await ShowAsync(operations, entities, output, cancellationToken),
                _ => await ResubmitAsync(operations, entities[0], arguments, output, cancellationToken),
            };
        }
        catch (ServiceBusException e)
        {
            await error.WriteLineAsync($"Service Bus {client.FullyQualifiedNamespace} refused or could not be reached ({e.Reason}): {e.Message.Split('\n')[0]}");
            return 1;
        }
    }

    private static async Task<int> ListAsync(DeadLetterOperations operations, List<ReceivingEntity> entities, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"{"entity",-50} {"active",8} {"dead-lettered",14}");
        foreach (var entity in entities)
        {
            var (active, dead) = await operations.CountAsync(entity, cancellationToken);
            await output.WriteLineAsync($"{entity.Path,-50} {Count(active),8} {Count(dead),14}");
        }
        return 0;
    }

    private static async Task<int> ShowAsync(DeadLetterOperations operations, List<ReceivingEntity> entities, TextWriter output, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var entity in entities)
        {
            foreach (var letter in await operations.ListAsync(entity, cancellationToken))
            {
                total++;
                await output.WriteLineAsync(Describe(letter));
            }
        }
        await output.WriteLineAsync($"{total} dead letter(s).");
        return 0;
    }

    private static async Task<int> ResubmitAsync(DeadLetterOperations operations, ReceivingEntity entity, OpsArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await operations.ResubmitAsync(entity, l => arguments.All || arguments.Sequences.Contains(l.SequenceNumber), cancellationToken);
        foreach (var letter in report.Resubmitted) await output.WriteLineAsync("resubmitted " + Describe(letter));
        foreach (var (letter, notBefore) in report.Held)
            await output.WriteLineAsync($"held (Service Bus would drop it as a duplicate until {notBefore:O}) {Describe(letter)}");
        await output.WriteLineAsync($"{report.Resubmitted.Count} resubmitted to {entity.SendTarget}, {report.Held.Count} held, {report.Seen} dead letter(s) seen.");
        return report.Held.Count == 0 && (arguments.All || report.Resubmitted.Count == arguments.Sequences.Count) ? 0 : 1;
    }

    private static string Describe(DeadLetter l) => string.Create(CultureInfo.InvariantCulture,
        $"{l.EntityPath} #{l.SequenceNumber} message {l.MessageId} event {l.EventType ?? "?"} {l.EventId ?? "?"} deliveries {l.DeliveryCount} enqueued {l.EnqueuedAt:O} reason {l.Reason ?? "-"}: {l.Description ?? "-"}");

    private static string Count(int n) => n >= DeadLetterOperations.MaxMessagesPerEntity ? $">={n}" : n.ToString(CultureInfo.InvariantCulture);

    private static ServiceBusClient Client(OpsArguments arguments)
    {
        // An operator at a prompt wants a clear answer soon, not the SDK's default minutes of retries.
        var options = new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, TryTimeout = TimeSpan.FromSeconds(15) } };
        return arguments.Namespace is { } ns
            ? new ServiceBusClient(ns, new DefaultAzureCredential(), options)
            : new ServiceBusClient(arguments.Connection ?? Environment.GetEnvironmentVariable("NPVR_SERVICEBUS_CONNECTION") ?? OpsArguments.LocalConnection, options);
    }

    private static string LocateTopology()
    {
        // Bounded walk up from the working directory: a repository is never deeper than this.
        var directory = new DirectoryInfo(Environment.CurrentDirectory);
        for (var depth = 0; directory is not null && depth < 32; depth++, directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "infra", "topology.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("infra/topology.json not found above the working directory: pass --topology FILE.");
    }
}
