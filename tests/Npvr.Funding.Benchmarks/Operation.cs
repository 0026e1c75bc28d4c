namespace Npvr.Funding.Benchmarks;

/// <summary>One user-facing operation to measure: its requests per phase and where its round trips are counted.</summary>
internal sealed record Operation(string Name, string Unit)
{
    /// <summary>Units one request moves (lines of an import file, rows of an export, regions of an issue run).</summary>
    public double UnitsPerRequest { get; init; } = 1;

    /// <summary>"App/Function" of the HTTP function serving the request: its round trips are the request path's.</summary>
    public required string RequestFunction { get; init; }

    /// <summary>Functions the benchmark calls to learn that the operation finished (polling): left out of the totals.</summary>
    public IReadOnlyCollection<string> Probes { get; init; } = [];

    /// <summary>The raw baseline compared with (a key of <see cref="Baselines"/>).</summary>
    public required string Baseline { get; init; }

    /// <summary>
    /// Requests sent before measuring (reads only: a write's warm-up would change what is measured), so the first
    /// measured request does not carry the code path's first-call compilation.
    /// </summary>
    public int WarmUpRequests { get; init; }

    public required int SequentialRequests { get; init; }

    public required Func<int, Task> Sequential { get; init; }

    public int ConcurrentRequests { get; init; }

    public int ConcurrentClients { get; init; } = Sizes.Clients;

    /// <summary>Null when the operation has no concurrent phase.</summary>
    public Func<int, Task>? Concurrent { get; init; }
}

/// <summary>The raw baselines' sequential throughput, in the unit each is compared in.</summary>
internal sealed class Baselines
{
    public const string Transaction = "tx";
    public const string Batch = "batch";
    public const string Read = "read";
    public const string Range = "range";
    public const string RangeRows = "range rows";

    private readonly Dictionary<string, double> _perSecond = new(StringComparer.Ordinal);

    public void Set(string name, double perSecond) => _perSecond[name] = perSecond;

    public double? PerSecond(string name) => _perSecond.TryGetValue(name, out var value) ? value : null;
}
