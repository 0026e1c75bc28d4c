namespace Npvr.Funding.Storage;

/// <summary>
/// Which of the app's tables hold outbox rows (the sweep looks there), and the queues and topics the app sends to
/// (its Data Sender roles in bicep/ come from infra/topology.json; a deployment test keeps the two equal).
/// </summary>
public sealed record OutboxOptions(IReadOnlyList<string> Tables, IReadOnlyList<string> Destinations);
