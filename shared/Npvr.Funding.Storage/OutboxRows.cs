using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// The Table form of an outbox row ("evt|{eventId}", beside the state it belongs to). Written unpublished with its
/// state; the only change it ever sees is the Published mark, set after ServiceBusSender accepted the message.
/// </summary>
public static class OutboxRows
{
    public const string PublishedProperty = "Published";
    public const string OccurredAtProperty = "OccurredAt";

    public static TableEntity ToEntity(string partitionKey, OutboxMessage message) =>
        new(partitionKey, RowKeys.Event(message.Envelope.EventId))
        {
            ["Type"] = message.Envelope.Type,
            [OccurredAtProperty] = message.Envelope.OccurredAt,
            ["Destination"] = message.Destination,
            ["Envelope"] = FundingJson.Serialize(message.Envelope),
            [PublishedProperty] = false,
        };

    public static OutboxMessage FromEntity(TableEntity entity) =>
        new(entity.GetString("Destination") ?? OutboxMessage.FundingEvents,
            FundingJson.Deserialize<EventEnvelope>(entity.GetString("Envelope")
                ?? throw new InvalidOperationException($"Outbox row {entity.PartitionKey}/{entity.RowKey} has no envelope.")));

    /// <summary>Merges only the mark: whatever else the row holds stays as committed.</summary>
    public static TableTransactionAction PublishedMark(string partitionKey, string eventId, DateTimeOffset publishedAt) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(partitionKey, RowKeys.Event(eventId)) { [PublishedProperty] = true, ["PublishedAt"] = publishedAt },
            ETag.All);
}
