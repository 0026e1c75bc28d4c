using Npvr.Funding.Benchmarks;

// dotnet run -c Release --project tests/Npvr.Funding.Benchmarks [-- --quick]: see docs/performance.md.
try
{
    return await BenchmarkProgram.RunAsync(args);
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    // The system has been stopped by now (every resource is disposed on the way out); say why the run ended.
    Console.Error.WriteLine($"The benchmark failed: {e}");
    return 1;
}
