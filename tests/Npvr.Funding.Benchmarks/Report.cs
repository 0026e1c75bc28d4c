using System.Globalization;
using System.Text;

namespace Npvr.Funding.Benchmarks;

/// <summary>Everything one run prints at its end: the table, round trips by function, and further figures and notes.</summary>
internal sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _breakdown = [];
    private readonly List<string> _figures = [];
    private readonly Dictionary<string, Dictionary<string, double>> _consumerTrips = new(StringComparer.Ordinal);

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>Entries of the audited journal (set by <see cref="AuditBench"/>): issue 12's targets are about 100,000.</summary>
    public long? AuditedEntries { get; set; }

    /// <param name="notConsumers">The request function and the benchmark's probes: the rest of the round trips are consumers'.</param>
    public void Add(Row row, Cost? cost = null, double units = 1, IReadOnlyCollection<string>? notConsumers = null)
    {
        _rows.Add(row);
        Progress.Say("measured: " + string.Join(" | ", row.Cells()));
        if (cost is null) return;
        _consumerTrips[row.Operation] = cost.RoundTrips.Where(t => notConsumers?.Contains(t.Key) != true)
            .ToDictionary(t => t.Key, t => t.Value / units, StringComparer.Ordinal);
        var perUnit = cost.RoundTrips.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key} {(t.Value / units).ToString(t.Value / units >= 1 ? "0.##" : "G3", CultureInfo.InvariantCulture)}").ToList();
        _breakdown.Add($"- {row.Operation} (per {row.Unit}): {(perUnit.Count == 0 ? "none" : string.Join(", ", perUnit))}");
    }

    /// <summary>A figure printed below the table ("name: value").</summary>
    public void Figure(string line)
    {
        _figures.Add(line);
        Progress.Say(line);
    }

    /// <summary>Round trips per unit by "App/Function" of everything the operation caused behind its request (its consumers).</summary>
    public IReadOnlyDictionary<string, double> ConsumerTrips(string operation) =>
        _consumerTrips.TryGetValue(operation, out var trips) ? trips : new Dictionary<string, double>();

    public string Render(IEnumerable<TargetList> targets)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Row.Headers) + " |");
        text.AppendLine("|" + string.Concat(Row.Headers.Select(_ => "---|")));
        foreach (var row in _rows) text.AppendLine("| " + string.Join(" | ", row.Cells()) + " |");
        text.AppendLine();
        text.AppendLine("Storage round trips by app/function, sequential phase until idle (per unit):");
        text.AppendLine();
        foreach (var line in _breakdown) text.AppendLine(line);
        text.AppendLine();
        foreach (var line in _figures) text.AppendLine(line);
        foreach (var list in targets)
        {
            text.AppendLine();
            text.AppendLine($"Targets of {list.Issue}, as this run measured them:");
            text.AppendLine();
            foreach (var line in list.Lines) text.AppendLine("- " + line);
        }
        return text.ToString();
    }
}

/// <summary>One issue's targets, each line met or missed with its figure.</summary>
internal sealed record TargetList(string Issue, IEnumerable<string> Lines);

/// <summary>Progress lines on standard error, so standard output holds only the results.</summary>
internal static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Say(string line) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:0.0} s] {line}");
}
