using System.Diagnostics;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>What a seed did, line by line with timings, printed when the seed is replayed (answers may differ between runs; the digest may not).</summary>
internal sealed class SeedTrace
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _lines = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public void Add(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    public Task TimeAsync(string step, Func<Task> run) => TimeAsync(step, async () =>
    {
        await run();
        return true;
    });

    /// <summary>Runs a step and notes how long it took.</summary>
    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> run)
    {
        var started = Elapsed;
        var result = await run();
        Add($"{step}: {(Elapsed - started).TotalMilliseconds:0} ms");
        return result;
    }
}
