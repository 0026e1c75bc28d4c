using System.Globalization;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// How the Functions host's Service Bus extension runs a trigger: host.json "extensions.serviceBus" (defaults are the
/// extension's, except maxConcurrentCalls, which the extension scales by processor count and we keep at 16), and a
/// trigger's own "autoCompleteMessages" in function.json over host.json's.
/// </summary>
/// <param name="AutoCompleteMessages">Complete on success, abandon on failure; when false the function must settle, which a custom handler cannot.</param>
public sealed record ServiceBusTriggerSettings(int MaxConcurrentCalls, bool AutoCompleteMessages, int PrefetchCount, TimeSpan MaxAutoLockRenewalDuration)
{
    public static ServiceBusTriggerSettings Defaults { get; } = new(16, true, 0, TimeSpan.FromMinutes(5));

    /// <summary>Reads an app's host.json and one trigger binding.</summary>
    /// <exception cref="FormatException">A setting has a value the extension would refuse.</exception>
    public static ServiceBusTriggerSettings Read(string hostJsonPath, JObject trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        JToken? extension = FundingJson.Parse(File.ReadAllText(hostJsonPath)).SelectToken("extensions.serviceBus");
        var settings = new ServiceBusTriggerSettings(
            (int?)extension?["maxConcurrentCalls"] ?? Defaults.MaxConcurrentCalls,
            (bool?)trigger["autoCompleteMessages"] ?? (bool?)extension?["autoCompleteMessages"] ?? Defaults.AutoCompleteMessages,
            (int?)extension?["prefetchCount"] ?? Defaults.PrefetchCount,
            extension?["maxAutoLockRenewalDuration"] is { } renewal
                ? TimeSpan.Parse((string)renewal!, CultureInfo.InvariantCulture)
                : Defaults.MaxAutoLockRenewalDuration);
        return settings.MaxConcurrentCalls >= 1 && settings.PrefetchCount >= 0 && settings.MaxAutoLockRenewalDuration >= TimeSpan.Zero
            ? settings
            : throw new FormatException($"{hostJsonPath}: extensions.serviceBus has an out-of-range value ({settings}).");
    }
}
