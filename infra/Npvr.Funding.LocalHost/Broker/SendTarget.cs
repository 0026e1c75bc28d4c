namespace Npvr.Funding.LocalHost.Broker;

/// <summary>A queue or topic a sender can address, and the entities that receive a copy of each message.</summary>
internal sealed class SendTarget(string name, IReadOnlyList<MessageEntity> receivers, EntitySettings settings)
{
    public string Name { get; } = name;

    /// <summary>The queue itself, or every subscription of the topic.</summary>
    public IReadOnlyList<MessageEntity> Receivers { get; } = receivers;

    /// <summary>For a topic, the topic's own TTL also bounds its subscriptions' copies.</summary>
    public TimeSpan MessageTimeToLive { get; } = settings.DefaultMessageTimeToLive;

    public DuplicateDetector? Duplicates { get; } =
        settings.RequiresDuplicateDetection ? new DuplicateDetector(settings.DuplicateDetectionHistoryTimeWindow) : null;
}
