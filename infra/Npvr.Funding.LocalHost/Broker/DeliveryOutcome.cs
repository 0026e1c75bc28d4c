namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// What a processor's handler reports for one delivery: success completes the message, failure abandons it.
/// </summary>
/// <param name="Succeeded">True to complete the message.</param>
/// <param name="FailureDescription">
/// Why the handler failed; becomes DeadLetterErrorDescription if this failure exhausts maxDeliveryCount.
/// </param>
public sealed record DeliveryOutcome(bool Succeeded, string? FailureDescription)
{
    /// <summary>Complete the message.</summary>
    public static DeliveryOutcome Success { get; } = new(true, null);

    /// <summary>Abandon the message, recording <paramref name="description"/> as the failure reason.</summary>
    public static DeliveryOutcome Failed(string description) => new(false, description);
}
