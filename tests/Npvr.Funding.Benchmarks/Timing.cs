using System.Diagnostics;

namespace Npvr.Funding.Benchmarks;

/// <summary>Requests of one phase: how many, how long the phase took, each request's latency.</summary>
internal sealed record Timing(int Requests, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the latencies (p in 0..100).</summary>
    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>One request after another.</summary>
    public static async Task<Timing> SequentialAsync(int requests, Func<int, Task> request)
    {
        var latencies = new double[requests];
        var phase = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++) latencies[i] = await TimeAsync(request, i);
        return new Timing(requests, phase.Elapsed, latencies);
    }

    /// <summary><paramref name="clients"/> clients at once, client c sending requests c, c + clients, c + 2 clients, ...</summary>
    public static async Task<Timing> ConcurrentAsync(int requests, int clients, Func<int, Task> request)
    {
        var latencies = new double[requests];
        var phase = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var i = client; i < requests; i += clients) latencies[i] = await TimeAsync(request, i);
        }));
        return new Timing(requests, phase.Elapsed, latencies);
    }

    private static async Task<double> TimeAsync(Func<int, Task> request, int index)
    {
        var start = Stopwatch.GetTimestamp();
        await request(index);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
