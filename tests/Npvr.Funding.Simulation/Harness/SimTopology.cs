using System.Xml;
using Newtonsoft.Json.Linq;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>
/// infra/topology.json with two windows shortened so a seed can wait them out: duplicate detection (a dead letter
/// may be resubmitted once the window of its original send has passed, and a late sweep's republish then reaches the
/// consumers instead of being dropped by the broker) and the lock (a lock left behind by a host that stopped runs out
/// within seconds). Everything else (entities, delivery counts, TTLs) is the file the apps and Bicep use.
/// </summary>
internal sealed class SimTopology : IDisposable
{
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    private SimTopology(string path) => Path = path;

    public string Path { get; }

    public static SimTopology Write()
    {
        var source = global::System.IO.Path.Combine(RepositoryRoot.Locate(AppContext.BaseDirectory), "infra", "topology.json");
        var topology = JObject.Parse(File.ReadAllText(source));
        foreach (var properties in topology.SelectTokens("$..properties").OfType<JObject>())
        {
            if (properties["duplicateDetectionHistoryTimeWindow"] is not null) properties["duplicateDetectionHistoryTimeWindow"] = XmlConvert.ToString(DuplicateWindow);
            if (properties["lockDuration"] is not null) properties["lockDuration"] = XmlConvert.ToString(LockDuration);
        }
        var path = global::System.IO.Path.Combine(global::System.IO.Path.GetTempPath(), $"npvr-simulation-topology-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, topology.ToString());
        return new SimTopology(path);
    }

    public void Dispose() => File.Delete(Path);
}
