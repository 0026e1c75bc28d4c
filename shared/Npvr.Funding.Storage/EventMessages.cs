using Newtonsoft.Json;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
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

    /// <summary>The envelope's data as <typeparamref name="T"/>; data that does not read as one can never succeed.</summary>
    public static T DataOf<T>(EventEnvelope envelope)
    {
        try
        {
            return envelope.DataAs<T>();
        }
        catch (JsonException e)
        {
            throw new PermanentFailureException($"{envelope.Type} {envelope.EventId} is unreadable: {e.Message}");
        }
    }

    /// <summary>Runs a decision on a message: a domain refusal is permanent, since the same message is refused every time.</summary>
    public static T Decide<T>(Func<T> decide, string subject)
    {
        try
        {
            return decide();
        }
        catch (DomainException e)
        {
            throw new PermanentFailureException($"{subject} cannot apply: {e.Error.Type}: {e.Error.Detail}");
        }
    }
}
