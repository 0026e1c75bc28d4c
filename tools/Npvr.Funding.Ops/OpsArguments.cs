using System.Globalization;

namespace Npvr.Funding.Ops;

/// <summary>The tool's command line: what to do, on which entity, against which Service Bus.</summary>
public sealed record OpsArguments(string Verb, string? Entity, bool All, IReadOnlySet<long> Sequences, string? Connection, string? Namespace, string? Topology)
{
    /// <summary>The local host's AMQP endpoint (infra/Npvr.Funding.LocalHost), used when no other Service Bus is named.</summary>
    public const string LocalConnection = "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";

    public const string Usage = """
        usage: dotnet run --project tools/Npvr.Funding.Ops -- dead-letters [list | show | resubmit] [options]
          dead-letters list            every queue and subscription with its active and dead-lettered counts (the default)
          dead-letters show            each dead letter: entity, sequence number, reason, description, delivery count, event
          dead-letters resubmit        sends chosen dead letters back to their entity (same MessageId) and removes them
        options:
          --entity PATH                a queue, or topic/Subscriptions/subscription (required for resubmit)
          --all | --sequence N[,N...]  which dead letters to resubmit
          --connection STRING          a Service Bus connection string (also NPVR_SERVICEBUS_CONNECTION);
                                       default: the local host's endpoint on 127.0.0.1:5672
          --namespace NAME.servicebus.windows.net   Azure, signed in with DefaultAzureCredential (e.g. az login)
          --topology FILE              the entities (default: infra/topology.json of this repository)
        exit code: 0 done, 1 something was left undone (e.g. a resubmit held inside the duplicate window), 2 usage
        """;

    public static OpsArguments? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "dead-letters") return null;
        var named = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal);
        var verb = named ? args[1] : "list";
        if (verb is not ("list" or "show" or "resubmit")) return null;
        var result = new OpsArguments(verb, null, false, new HashSet<long>(), null, null, null);
        for (var i = named ? 2 : 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--all": result = result with { All = true }; continue;
                case "--entity" when value is not null: result = result with { Entity = value }; break;
                case "--connection" when value is not null: result = result with { Connection = value }; break;
                case "--namespace" when value is not null: result = result with { Namespace = value }; break;
                case "--topology" when value is not null: result = result with { Topology = value }; break;
                case "--sequence" when value is not null && ParseSequences(value) is { } sequences: result = result with { Sequences = sequences }; break;
                default: return null;
            }
            i++;
        }
        var chooses = result.All || result.Sequences.Count > 0;
        return verb == "resubmit" && (result.Entity is null || !chooses || (result.All && result.Sequences.Count > 0)) ? null : result;
    }

    private static HashSet<long>? ParseSequences(string text)
    {
        var result = new HashSet<long>();
        foreach (var part in text.Split(','))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            result.Add(n);
        }
        return result;
    }
}
