using Npvr.Funding.Contracts;

namespace Npvr.Funding.Storage;

/// <summary>
/// One message a write owes the bus: an event for the funding-events topic, or a command for a queue. It is stored as
/// an outbox row in the same transaction as the state it describes, then published and marked.
/// </summary>
public sealed record OutboxMessage(string Destination, EventEnvelope Envelope)
{
    /// <summary>The topic that carries every domain event (design.md section 1).</summary>
    public const string FundingEvents = "funding-events";

    public static OutboxMessage Event(EventEnvelope envelope) => new(FundingEvents, envelope);
}
