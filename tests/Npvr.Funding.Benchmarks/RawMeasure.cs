namespace Npvr.Funding.Benchmarks;

/// <summary>One raw baseline: sequential then concurrent, its round trips counted by the raw client's policy.</summary>
internal sealed class RawMeasure(BenchSystem system, Baselines baselines, Report report)
{
    public async Task RunAsync(string name, string unit, string baseline, int unitsPerRequest, int requests, Func<int, Task> sequential, Func<int, Task> concurrent)
    {
        Progress.Say($"{name}: {requests} sequential request(s), then {Sizes.Clients} clients...");
        var before = system.Meter.Take();
        var first = await Timing.SequentialAsync(requests, sequential);
        var cost = system.Meter.Since(before);
        var second = await Timing.ConcurrentAsync(requests, Sizes.Clients, concurrent);
        var units = (double)requests * unitsPerRequest;
        var trips = cost.Of($"{CostMeter.RawClient}/{Storage.StorageRoundTrips.OutsideInvocations}") / units;
        baselines.Set(baseline, first.RequestsPerSecond * unitsPerRequest);
        report.Add(new Row(name, unit)
        {
            SequentialRequests = requests,
            ConcurrentRequests = requests,
            ConcurrentClients = Sizes.Clients,
            SequentialPerSecond = first.RequestsPerSecond * unitsPerRequest,
            ConcurrentPerSecond = second.RequestsPerSecond * unitsPerRequest,
            P50Ms = first.Percentile(50),
            P95Ms = first.Percentile(95),
            ConcurrentP95Ms = second.Percentile(95),
            Baseline = baseline,
            Ratio = 1,
            RequestRoundTrips = trips,
            TotalRoundTrips = cost.Total([]) / units,
            DotnetCpuMs = cost.DotnetCpuMs / units,
            AzuriteCpuMs = cost.AzuriteCpuMs / units,
        }, cost, units);
    }
}
