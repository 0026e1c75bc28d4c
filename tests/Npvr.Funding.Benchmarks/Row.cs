using System.Globalization;

namespace Npvr.Funding.Benchmarks;

/// <summary>Columns a row has no figure for by design (printed "—"); a figure missing otherwise prints "MISSING".</summary>
[Flags]
internal enum NotMeasured
{
    None = 0,
    Concurrent = 1,
    Ratio = 2,
    RoundTrips = 4,
    Cpu = 8,
}

/// <summary>
/// One line of the table. Throughput, round trips and CPU are per <see cref="Unit"/> (an operation, a line of an import,
/// a row of an export, ...); latencies are per request; the ratio compares sequential throughput with the matching raw
/// baseline's in the same unit.
/// </summary>
internal sealed record Row(string Operation, string Unit)
{
    public NotMeasured NotMeasured { get; init; }
    public int SequentialRequests { get; init; }
    public int ConcurrentRequests { get; init; }
    public int ConcurrentClients { get; init; }
    public double? SequentialPerSecond { get; init; }
    public double? ConcurrentPerSecond { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? ConcurrentP95Ms { get; init; }
    public string? Baseline { get; init; }
    public double? Ratio { get; init; }
    public double? RequestRoundTrips { get; init; }
    public double? TotalRoundTrips { get; init; }
    public double? DotnetCpuMs { get; init; }
    public double? AzuriteCpuMs { get; init; }

    public static readonly string[] Headers =
    [
        "operation", "unit", "requests seq / conc", "seq unit/s", "conc unit/s (clients)", "p50 ms", "p95 ms", "conc p95 ms", "x raw",
        "RT request", "RT total", "CPU ms .NET", "CPU ms Azurite",
    ];

    public string[] Cells() =>
    [
        Operation, Unit,
        Has(NotMeasured.Concurrent) ? $"{SequentialRequests} / {ConcurrentRequests}" : $"{SequentialRequests} / —",
        Rate(SequentialPerSecond),
        Has(NotMeasured.Concurrent) ? (ConcurrentPerSecond is null ? Missing : $"{Rate(ConcurrentPerSecond)} ({ConcurrentClients})") : NotApplicable,
        Millis(P50Ms), Millis(P95Ms),
        Has(NotMeasured.Concurrent) ? Millis(ConcurrentP95Ms) : NotApplicable,
        Has(NotMeasured.Ratio) ? (Ratio is null ? Missing : $"{Ratio.Value.ToString("0.00", CultureInfo.InvariantCulture)} {Baseline}") : NotApplicable,
        Has(NotMeasured.RoundTrips) ? Trips(RequestRoundTrips) : NotApplicable,
        Has(NotMeasured.RoundTrips) ? Trips(TotalRoundTrips) : NotApplicable,
        Has(NotMeasured.Cpu) ? Cpu(DotnetCpuMs) : NotApplicable,
        Has(NotMeasured.Cpu) ? Cpu(AzuriteCpuMs) : NotApplicable,
    ];

    public const string Missing = "MISSING";
    public const string NotApplicable = "—";

    /// <summary>True when the column is measured for this row.</summary>
    private bool Has(NotMeasured column) => (NotMeasured & column) == 0;

    private static string Rate(double? value) => value is { } v ? Scaled(v) : Missing;

    private static string Millis(double? value) => value is { } v ? Scaled(v) : Missing;

    private static string Scaled(double v) => v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>Exact counts divided by the units of the phase: whole numbers print whole.</summary>
    private static string Trips(double? value) =>
        value is not { } v ? Missing : v >= 1 || v == 0 ? v.ToString("0.##", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Cpu(double? value) =>
        value is not { } v ? Missing : v >= 0.01 ? v.ToString(v >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) : v.ToString("G2", CultureInfo.InvariantCulture);
}
