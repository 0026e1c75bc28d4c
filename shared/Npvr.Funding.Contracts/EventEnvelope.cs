using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts;

/// <summary>
/// The wire form of every domain event on the funding-events topic (design.md section 2).
/// The Service Bus output binding cannot set MessageId, so identity travels inside: consumers de-duplicate on EventId.
/// </summary>
public sealed record EventEnvelope(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string? RegionId,
    string? ProgrammeId,
    string CorrelationId,
    string? CausationId,
    JObject Data)
{
    /// <summary>A new event with a fresh id; <paramref name="data"/> is serialised with the shared settings.</summary>
    public static EventEnvelope Create(string type, object data, DateTimeOffset occurredAt, string? regionId, string? programmeId,
        string correlationId, string? causationId) =>
        new(Guid.NewGuid().ToString("N"), type, occurredAt, regionId, programmeId, correlationId, causationId, FundingJson.ToJObject(data));

    public T DataAs<T>() => Data.ToObject<T>(FundingJson.Serializer)
        ?? throw new InvalidOperationException($"Event {EventId} of type {Type} has no data.");
}
