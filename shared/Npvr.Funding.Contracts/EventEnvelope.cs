using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts;

/// <summary>
/// The wire form of every domain event on the funding-events topic (design.md section 2).
/// The Service Bus output binding cannot set MessageId, so identity travels inside: consumers de-duplicate on EventId.
/// <see cref="Actor"/> names who caused the event (issue 11, point 13). People's names and e-mail addresses are digests
/// in <see cref="Data"/> and <see cref="Actor"/>; their clear values and salts travel in <see cref="PersonalData"/>, the
/// one member the journal keeps beside its entry instead of hashing it (issue 12, point 6), so it can be erased.
/// </summary>
public sealed record EventEnvelope(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string? RegionId,
    string? ProgrammeId,
    string CorrelationId,
    string? CausationId,
    JObject Data,
    Actor? Actor = null,
    [property: JsonProperty(NullValueHandling = NullValueHandling.Ignore)] IReadOnlyList<PersonalValue>? PersonalData = null)
{
    /// <summary>The envelope member that is never hashed: the journal keeps it beside the entry.</summary>
    public const string PersonalDataMember = "personalData";

    /// <summary>
    /// A new event with a fresh id, caused by <paramref name="actor"/>; <paramref name="data"/> is serialised with the
    /// shared settings and its personal members (and a person's name) sealed as digests (<see cref="PersonalDataSeal"/>).
    /// </summary>
    public static EventEnvelope Create(string type, object data, DateTimeOffset occurredAt, string? regionId, string? programmeId,
        string correlationId, string? causationId, Actor actor)
    {
        var sealedData = PersonalDataSeal.Seal(data, actor);
        return new(Guid.NewGuid().ToString("N"), type, occurredAt, regionId, programmeId, correlationId, causationId, sealedData.Data,
            sealedData.Actor, sealedData.Values.Count > 0 ? sealedData.Values : null);
    }

    /// <summary>An event (or command) this message causes: the same correlation, this message as its cause, the same actor.</summary>
    public EventEnvelope Causes(string type, object data, DateTimeOffset occurredAt, string? regionId, string? programmeId) =>
        Create(type, data, occurredAt, regionId, programmeId, CorrelationId, EventId, ActingActor());

    /// <summary>The data with people's clear values where they travel beside it (a journaled envelope has none: digests stay).</summary>
    public T DataAs<T>() => PersonalDataSeal.Reveal(Data, PersonalData).ToObject<T>(FundingJson.Serializer)
        ?? throw new InvalidOperationException($"Event {EventId} of type {Type} has no data.");

    /// <summary>Who caused this message, with their clear name where it travels beside it; the system for a message without an actor.</summary>
    public Actor ActingActor()
    {
        if (Actor is not { } actor) return Contracts.Actor.System;
        var name = PersonalData?.FirstOrDefault(v => v.Path == JsonPointer.Of("actor", "name") && PersonalDigest.IsSalt(v.Salt) && v.Value is not null && v.Digest == actor.Name);
        return name is null ? actor : actor with { Name = name.Value };
    }
}
