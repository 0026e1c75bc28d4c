using Newtonsoft.Json;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>Reads an event envelope from a funding-events message; an unreadable one can never succeed.</summary>
public static class EventMessages
{
    public static EventEnvelope Read(string body)
    {
        EventEnvelope? envelope;
        try
        {
            envelope = FundingJson.Deserialize<EventEnvelope>(body);
        }
        catch (JsonException e)
        {
            throw new PermanentFailureException($"The message is not an event envelope: {e.Message}");
        }
        if (string.IsNullOrEmpty(envelope.EventId) || string.IsNullOrEmpty(envelope.Type) || envelope.Data is null)
            throw new PermanentFailureException("The event envelope lacks eventId, type or data.");
        return envelope;
    }
}
