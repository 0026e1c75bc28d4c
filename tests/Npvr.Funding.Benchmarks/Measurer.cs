namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Measures an operation through the HTTP API: the sequential phase and the wait until every consumer applied it give
/// throughput, latencies, round trips and CPU; then the concurrent phase gives throughput and its p95.
/// </summary>
internal sealed class Measurer(BenchSystem system, Sizes sizes, Baselines baselines, Report report)
{
    public Sizes Sizes => sizes;

    public BenchSystem System => system;

    public Baselines Baselines => baselines;

    public async Task<Row> MeasureAsync(Operation operation)
    {
        Progress.Say($"{operation.Name}: {operation.SequentialRequests} sequential request(s)...");
        for (var i = 0; i < operation.WarmUpRequests; i++) await operation.Sequential(i);
        await system.IdleAsync(sizes);
        var before = system.Meter.Take();
        var sequential = await Timing.SequentialAsync(operation.SequentialRequests, operation.Sequential);
        await system.IdleAsync(sizes);
        var cost = system.Meter.Since(before);
        Timing? concurrent = null;
        if (operation.Concurrent is { } request)
        {
            Progress.Say($"{operation.Name}: {operation.ConcurrentRequests} request(s) from {operation.ConcurrentClients} clients...");
            concurrent = await Timing.ConcurrentAsync(operation.ConcurrentRequests, operation.ConcurrentClients, request);
            await system.IdleAsync(sizes);
        }
        var units = operation.SequentialRequests * operation.UnitsPerRequest;
        var sequentialRate = sequential.RequestsPerSecond * operation.UnitsPerRequest;
        var row = new Row(operation.Name, operation.Unit)
        {
            NotMeasured = concurrent is null ? NotMeasured.Concurrent : NotMeasured.None,
            SequentialRequests = sequential.Requests,
            ConcurrentRequests = concurrent?.Requests ?? 0,
            ConcurrentClients = operation.ConcurrentClients,
            SequentialPerSecond = sequentialRate,
            ConcurrentPerSecond = concurrent?.RequestsPerSecond * operation.UnitsPerRequest,
            P50Ms = sequential.Percentile(50),
            P95Ms = sequential.Percentile(95),
            ConcurrentP95Ms = concurrent?.Percentile(95),
            Baseline = operation.Baseline,
            Ratio = sequentialRate / baselines.PerSecond(operation.Baseline),
            RequestRoundTrips = cost.Of(operation.RequestFunction) / units,
            TotalRoundTrips = cost.Total(operation.Probes) / units,
            DotnetCpuMs = cost.DotnetCpuMs / units,
            AzuriteCpuMs = cost.AzuriteCpuMs / units,
        };
        report.Add(row, cost, units, [operation.RequestFunction, .. operation.Probes]);
        return row;
    }
}
