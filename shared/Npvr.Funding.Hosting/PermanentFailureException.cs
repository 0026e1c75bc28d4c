namespace Npvr.Funding.Hosting;

/// <summary>
/// A message that can never succeed (malformed, unknown type version). The invocation still fails, because a
/// custom handler has no channel to dead-letter directly; Service Bus dead-letters it after MaxDeliveryCount,
/// and the reason is in the invocation logs and the failure description.
/// </summary>
public sealed class PermanentFailureException(string reason) : Exception(reason);
