using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// What the completeness check needs of one journal entry: its event id and type, and, for an announcement, what it
/// announced (null when its data does not read as <see cref="PublicationsAnnounced"/>: <see cref="Unreadable"/>).
/// </summary>
public sealed record JournaledEvent(string EventId, string Type, PublicationsAnnounced? Announcement = null, bool Unreadable = false)
{
    /// <summary>Reads an entry's envelope (<see cref="JournalEntry.EnvelopeJson"/>); no storage, no clock.</summary>
    public static JournaledEvent FromEnvelope(JObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var eventId = envelope.Value<string>("eventId") ?? "";
        var type = envelope.Value<string>("type") ?? "";
        if (type != EventTypes.PublicationsAnnounced) return new JournaledEvent(eventId, type);
        try
        {
            var announcement = (envelope["data"] as JObject)?.ToObject<PublicationsAnnounced>(FundingJson.Serializer);
            return announcement is { App: not null, EventIds: not null }
                ? new JournaledEvent(eventId, type, announcement)
                : new JournaledEvent(eventId, type, Unreadable: true);
        }
        catch (JsonException)
        {
            return new JournaledEvent(eventId, type, Unreadable: true);
        }
    }
}
