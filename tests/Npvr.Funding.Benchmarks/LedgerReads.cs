namespace Npvr.Funding.Benchmarks;

/// <summary>Walks a paged route page by page, each client with its own continuation token, starting over at the end.</summary>
internal sealed class PageWalker(BenchApi api, string path, string principal, int clients)
{
    private readonly string?[] _tokens = new string?[clients];

    /// <summary>The next page of request <paramref name="i"/>'s client (i mod clients, as <see cref="Timing.ConcurrentAsync"/> hands them out).</summary>
    public async Task NextAsync(int i)
    {
        var client = i % clients;
        var token = _tokens[client];
        var url = token is null ? path : $"{path}&continuationToken={Uri.EscapeDataString(token)}";
        var page = await api.SendAsync(HttpMethod.Get, url, principal, System.Net.HttpStatusCode.OK);
        if (page["items"]!.Count() == 0) throw new InvalidOperationException($"{url} gave an empty page.");
        _tokens[client] = (string?)page["continuationToken"];
    }
}

/// <summary>Samples this process's working set (local host, apps and benchmark client) while something runs.</summary>
internal sealed class WorkingSetPeak : IAsyncDisposable
{
    /// <summary>Often enough to catch a peak that lasts as long as one large string copy.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public WorkingSetPeak()
    {
        Before = Environment.WorkingSet;
        Peak = Before;
        _sampling = SampleAsync();
    }

    public long Before { get; }

    public long Peak { get; private set; }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Peak = Math.Max(Peak, Environment.WorkingSet);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Peak = Math.Max(Peak, Environment.WorkingSet);
        _stop.Dispose();
    }
}
