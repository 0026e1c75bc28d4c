using Azure.Data.Tables;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// An event row is the outbox: written in the same transaction as the state it describes,
/// then relayed to funding-events and marked. Only the Relayed mark ever changes on it.
/// </summary>
public static class EventRows
{
    public const string RelayedProperty = "Relayed";

    public static TableEntity ToEntity(string partitionKey, EventEnvelope envelope) =>
        new(partitionKey, RowKeys.Event(envelope.EventId))
        {
            ["Type"] = envelope.Type,
            ["OccurredAt"] = envelope.OccurredAt,
            ["Envelope"] = FundingJson.Serialize(envelope),
            [RelayedProperty] = false,
        };

    public static EventEnvelope FromEntity(TableEntity entity) =>
        FundingJson.Deserialize<EventEnvelope>(entity.GetString("Envelope")
            ?? throw new InvalidOperationException($"Event row {entity.RowKey} has no envelope."));

    public static TableEntity RelayedMark(string partitionKey, string rowKey, DateTimeOffset relayedAt) =>
        new(partitionKey, rowKey) { [RelayedProperty] = true, ["RelayedAt"] = relayedAt };
}
