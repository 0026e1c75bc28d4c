namespace Npvr.Funding.Contracts;

/// <summary>An event a decision raises, ready for <see cref="EventEnvelope.Create"/>: its type name and its data record.</summary>
public sealed record OutgoingEvent(string Type, object Data);
