namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// The ARM properties of a queue, topic or subscription that the emulator honours. Defaults are ARM's defaults.
/// Not every property applies to every entity kind (topics have no lock; subscriptions no duplicate detection);
/// the emulator reads only those that apply.
/// </summary>
public sealed record EntitySettings
{
    /// <summary>ARM's defaults: PT1M lock, 10 deliveries, no expiry dead-lettering, no duplicate detection, PT10M window, no TTL.</summary>
    public static EntitySettings Defaults { get; } = new();

    /// <summary>ARM "lockDuration".</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>ARM "maxDeliveryCount" (at least 1).</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>ARM "deadLetteringOnMessageExpiration".</summary>
    public bool DeadLetteringOnMessageExpiration { get; init; }

    /// <summary>ARM "defaultMessageTimeToLive"; <see cref="TimeSpan.MaxValue"/> means never.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.MaxValue;

    /// <summary>ARM "requiresDuplicateDetection".</summary>
    public bool RequiresDuplicateDetection { get; init; }

    /// <summary>ARM "duplicateDetectionHistoryTimeWindow".</summary>
    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = TimeSpan.FromMinutes(10);
}
