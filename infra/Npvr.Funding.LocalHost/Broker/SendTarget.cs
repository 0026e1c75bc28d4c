namespace Npvr.Funding.LocalHost.Broker;

/// <summary>A queue or topic a sender can address, and the entities that receive a copy of each message.</summary>
internal sealed class SendTarget(string name, IReadOnlyList<MessageEntity> receivers, EntitySettings settings, bool isTopic)
{
    public string Name { get; } = name;

    public bool IsTopic { get; } = isTopic;

    /// <summary>The queue itself, or every subscription of the topic.</summary>
    public IReadOnlyList<MessageEntity> Receivers { get; } = receivers;

    /// <summary>For a topic, the topic's own TTL also bounds its subscriptions' copies.</summary>
    public TimeSpan MessageTimeToLive { get; } = settings.DefaultMessageTimeToLive;

    public DuplicateDetector? Duplicates { get; } =
        settings.RequiresDuplicateDetection ? new DuplicateDetector(settings.DuplicateDetectionHistoryTimeWindow) : null;

    /// <summary>The refuse-sends fault: sends fail before this time (<see cref="DateTimeOffset.MaxValue"/>: until cleared).</summary>
    public DateTimeOffset? RefuseSendsUntilUtc { get; set; }

    /// <summary>Sends refused since the refuse-sends fault was last armed, so a test can see that it fired.</summary>
    public int RefusedSendCount { get; set; }

    /// <summary>A topic numbers its scheduled messages itself (each subscription's copy has its own sequence number).</summary>
    public long LastScheduleId { get; set; }

    public bool RefusesSendsAt(DateTimeOffset nowUtc) => RefuseSendsUntilUtc is { } until && nowUtc < until;
}
