using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Npvr.Funding.Storage;

/// <summary>
/// Counts an app's storage round trips for the benchmark (tests/Npvr.Funding.Benchmarks, docs/performance.md). Off
/// unless the setting <see cref="SettingName"/> names a run: then every HTTP request the app's TableServiceClient sends
/// (each retry too) is counted, per app and per function whose invocation made it, in a process-wide registry that a
/// benchmark running the apps in its own process (the local host library) reads with <see cref="Counter"/>.
/// </summary>
public static class StorageRoundTrips
{
    /// <summary>App setting (Storage__CountRoundTrips): any run name switches counting on; absent or empty leaves it off.</summary>
    public const string SettingName = "Storage:CountRoundTrips";

    /// <summary>What a round trip outside any function invocation (none in today's apps) is counted under.</summary>
    public const string OutsideInvocations = "(outside invocations)";

    private static readonly ConcurrentDictionary<string, RoundTripCounter> Counters = new(StringComparer.Ordinal);

    /// <summary>The counter of <paramref name="appName"/> in <paramref name="run"/>, created on first use.</summary>
    public static RoundTripCounter Counter(string run, string appName) =>
        Counters.GetOrAdd($"{run}/{appName}", _ => new RoundTripCounter());

    /// <summary>The app's counter when <see cref="SettingName"/> is set, else null (the normal case).</summary>
    /// <exception cref="InvalidOperationException">Counting is on but the configuration has no application name.</exception>
    public static RoundTripCounter? FromConfiguration(IConfiguration configuration)
    {
        var run = configuration[SettingName];
        if (string.IsNullOrEmpty(run)) return null;
        // WebApplicationOptions.ApplicationName (the IFunctionApp's name) reaches configuration under this key.
        var appName = configuration["applicationName"];
        if (string.IsNullOrEmpty(appName)) throw new InvalidOperationException($"{SettingName} is set but the app has no applicationName to count under.");
        return Counter(run, appName);
    }
}

/// <summary>
/// An HttpPipelinePolicy (per retry: one count per request on the wire) counting under the function whose invocation
/// sent it: the custom handler's invocation route is POST /{FunctionName}, read through IHttpContextAccessor.
/// </summary>
public sealed class RoundTripCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _byFunction = new(StringComparer.Ordinal);
    private readonly HttpContextAccessor _invocation = new();

    /// <summary>Round trips so far, by function name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byFunction, StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        return ProcessNextAsync(message, pipeline);
    }

    private void Count()
    {
        var path = _invocation.HttpContext?.Request.Path.Value;
        var function = string.IsNullOrEmpty(path) ? StorageRoundTrips.OutsideInvocations : path.TrimStart('/');
        _byFunction.AddOrUpdate(function, 1, (_, count) => count + 1);
    }
}
