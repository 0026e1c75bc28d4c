using System.Globalization;
using System.Text;

namespace Npvr.Funding.Benchmarks;

/// <summary>Everything one run prints at its end: the table, round trips by function, and further figures and notes.</summary>
internal sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _breakdown = [];
    private readonly List<string> _figures = [];

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row, Cost? cost = null, double units = 1)
    {
        _rows.Add(row);
        Progress.Say("measured: " + string.Join(" | ", row.Cells()));
        if (cost is null) return;
        var perUnit = cost.RoundTrips.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key} {(t.Value / units).ToString(t.Value / units >= 1 ? "0.##" : "G3", CultureInfo.InvariantCulture)}");
        _breakdown.Add($"- {row.Operation} (per {row.Unit}): {string.Join(", ", perUnit)}");
    }

    /// <summary>A figure printed below the table ("name: value").</summary>
    public void Figure(string line)
    {
        _figures.Add(line);
        Progress.Say(line);
    }

    public string Render()
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
        return text.ToString();
    }
}

/// <summary>Progress lines on standard error, so standard output holds only the results.</summary>
internal static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Say(string line) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:0.0} s] {line}");
}
