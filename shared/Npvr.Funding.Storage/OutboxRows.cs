using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// The Table form of an outbox row ("evt|{eventId}", beside the state it belongs to). Written unpublished with its
/// state; the only changes it ever sees are the Published mark, set after ServiceBusSender accepted the message, and,
/// on an event about a region, the Announced mark, set once a PublicationsAnnounced event names it (issue 12 point 7).
/// </summary>
public static class OutboxRows
{
    public const string PublishedProperty = "Published";
    public const string OccurredAtProperty = "OccurredAt";
    public const string AnnouncedProperty = "Announced";

    public static TableEntity ToEntity(string partitionKey, OutboxMessage message)
    {
        var entity = new TableEntity(partitionKey, RowKeys.Event(message.Envelope.EventId))
        {
            ["Type"] = message.Envelope.Type,
            [OccurredAtProperty] = message.Envelope.OccurredAt,
            ["Destination"] = message.Destination,
            ["Envelope"] = FundingJson.Serialize(message.Envelope),
            [PublishedProperty] = false,
        };
        // Only a row that will be announced has the property: the announcer's filter never finds the others.
        if (Announceable(message)) entity[AnnouncedProperty] = false;
        return entity;
    }

    /// <summary>
    /// What AnnouncePublications announces: events on funding-events about a region (the journal is per region; an event
    /// without one is never journaled). Commands on queues never reach the journal; announcements are never announced
    /// again (no recursion: the evidence of an announcement is its sequence number).
    /// </summary>
    public static bool Announceable(OutboxMessage message) =>
        message.Destination == OutboxMessage.FundingEvents && message.Envelope.RegionId is { Length: > 0 } && message.Envelope.Type != EventTypes.PublicationsAnnounced;

    public static OutboxMessage FromEntity(TableEntity entity) =>
        new(entity.GetString("Destination") ?? OutboxMessage.FundingEvents,
            FundingJson.Deserialize<EventEnvelope>(entity.GetString("Envelope")
                ?? throw new InvalidOperationException($"Outbox row {entity.PartitionKey}/{entity.RowKey} has no envelope.")));

    /// <summary>Merges only the mark: whatever else the row holds stays as committed.</summary>
    public static TableTransactionAction PublishedMark(string partitionKey, string eventId, DateTimeOffset publishedAt) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(partitionKey, RowKeys.Event(eventId)) { [PublishedProperty] = true, ["PublishedAt"] = publishedAt },
            ETag.All);

    /// <summary>Merges only the mark, like <see cref="PublishedMark"/>.</summary>
    public static TableTransactionAction AnnouncedMark(string partitionKey, string rowKey, DateTimeOffset announcedAt) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(partitionKey, rowKey) { [AnnouncedProperty] = true, ["AnnouncedAt"] = announcedAt },
            ETag.All);
}
