using System.Reflection;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Deployment.Tests;

internal sealed record FunctionDefinition(string Name, string Folder, IReadOnlyList<JObject> Bindings);

/// <summary>
/// One app under functions/Npvr.Funding.&lt;App&gt;, read from its host.json and its
/// function.json files (the single source of truth for triggers and bindings).
/// </summary>
internal sealed class FunctionApp
{
    private const string FolderPrefix = "Npvr.Funding.";

    private FunctionApp(string name, string folder, JObject hostJson, IReadOnlyList<FunctionDefinition> functions)
    {
        Name = name;
        Folder = folder;
        HostJson = hostJson;
        Functions = functions;
    }

    /// <summary>App name as topology.json and bicep/main.bicep spell it, e.g. Registration.</summary>
    public string Name { get; }

    public string Folder { get; }

    public JObject HostJson { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public string HostJsonPath => Path.Combine(Folder, "host.json");

    public string ExecutablePath =>
        HostJson.SelectToken("customHandler.description.defaultExecutablePath")?.Value<string>()
        ?? throw new InvalidDataException($"{HostJsonPath} has no customHandler.description.defaultExecutablePath.");

    /// <summary>Every app that exists now; fails when there is none, so the tests cannot pass vacuously.</summary>
    public static IReadOnlyList<FunctionApp> DiscoverAll()
    {
        var root = Repo.PathTo("functions");
        var apps = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "host.json")))
                .OrderBy(d => d, StringComparer.Ordinal)
                .Select(Load)
                .ToList()
            : [];
        if (apps.Count == 0)
        {
            throw new InvalidOperationException($"No functions/*/host.json under {root}: nothing to check the deployment against.");
        }

        return apps;
    }

    /// <summary>Names of the connection settings the Service Bus bindings use.</summary>
    public IReadOnlySet<string> ServiceBusConnections() =>
        Functions.SelectMany(f => f.Bindings)
            .Where(IsServiceBus)
            .Select(b => Json.Str(b, "connection") is { Length: > 0 } c ? c : "AzureWebJobsServiceBus")
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// What the app receives (its function.json triggers) and sends: its output bindings, and the entities its code
    /// publishes to with ServiceBusSender (IFunctionApp.SendsTo; a topology topic of that name, else a queue).
    /// </summary>
    public IReadOnlySet<EntityUse> ServiceBusUses()
    {
        var topics = Topology.Load().Entities.Where(e => e.Entity.Kind == EntityKind.Topic).Select(e => e.Entity.Path).ToHashSet(StringComparer.Ordinal);
        var published = Code().SendsTo.Select(name =>
            new EntityUse(new Entity(topics.Contains(name) ? EntityKind.Topic : EntityKind.Queue, name), Access.Send));
        return Functions.SelectMany(f => f.Bindings.Select(b => UseOf(b, Path.Combine(f.Folder, "function.json"))))
            .OfType<EntityUse>()
            .Concat(published)
            .ToHashSet();
    }

    /// <summary>The app's IFunctionApp, from its assembly (the test project references every app).</summary>
    public IFunctionApp Code()
    {
        var assemblyName = Path.GetFileName(Folder);
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"{assemblyName} is not referenced by the deployment tests: add a ProjectReference.", e);
        }

        var type = assembly.GetTypes().Single(t => typeof(IFunctionApp).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });
        return (IFunctionApp)Activator.CreateInstance(type)!;
    }

    private static FunctionApp Load(string folder)
    {
        var folderName = Path.GetFileName(folder);
        if (!folderName.StartsWith(FolderPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"App folder {folder} is not named {FolderPrefix}<App>.");
        }

        var functions = Directory.GetDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(d =>
            {
                var json = Json.ReadObject(Path.Combine(d, "function.json"));
                var bindings = (json["bindings"] as JArray)?.OfType<JObject>().ToList()
                    ?? throw new InvalidDataException($"{d}/function.json has no bindings array.");
                return new FunctionDefinition(Path.GetFileName(d), d, bindings);
            })
            .ToList();
        return new FunctionApp(folderName[FolderPrefix.Length..], folder, Json.ReadObject(Path.Combine(folder, "host.json")), functions);
    }

    private static bool IsServiceBus(JObject binding) =>
        Json.Str(binding, "type") is { } type
        && (type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase)
            || type.Equals("serviceBus", StringComparison.OrdinalIgnoreCase));

    private static EntityUse? UseOf(JObject binding, string where)
    {
        if (!IsServiceBus(binding))
        {
            return null;
        }

        var trigger = Json.Str(binding, "type")!.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase);
        var queue = Json.Str(binding, "queueName");
        var topic = Json.Str(binding, "topicName");
        var subscription = Json.Str(binding, "subscriptionName");
        foreach (var name in new[] { queue, topic, subscription })
        {
            if (name is not null && name.Contains('%', StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"{where}: entity name '{name}' is an app-setting expression; roles are derived from literal names only.");
            }
        }

        if (queue is not null)
        {
            return new EntityUse(new Entity(EntityKind.Queue, queue), trigger ? Access.Receive : Access.Send);
        }

        if (topic is null)
        {
            throw new InvalidDataException($"{where}: a Service Bus binding names neither queueName nor topicName.");
        }

        if (!trigger)
        {
            return new EntityUse(new Entity(EntityKind.Topic, topic), Access.Send);
        }

        return subscription is null
            ? throw new InvalidDataException($"{where}: a topic trigger without subscriptionName.")
            : new EntityUse(new Entity(EntityKind.Subscription, $"{topic}/{subscription}"), Access.Receive);
    }
}
