using System.Collections.Concurrent;
using Npvr.Funding.LocalHost.Broker;

namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>A processor handler that records every delivery and answers with a behaviour the test chooses.</summary>
public sealed class MessageRecorder(Func<ReceivedMessage, Task<DeliveryOutcome>>? behaviour = null)
{
    private readonly ConcurrentQueue<ReceivedMessage> _deliveries = new();

    public IReadOnlyList<ReceivedMessage> Deliveries => [.. _deliveries];

    public IReadOnlyList<string> Bodies => [.. _deliveries.Select(m => m.Body)];

    /// <summary>
    /// Honours the broker's cancellation so that disposing a broker after a failed assertion ends a handler the test
    /// left blocked, instead of waiting on a manual clock that never reaches the stop timeout.
    /// </summary>
    public Task<DeliveryOutcome> HandleAsync(ReceivedMessage message, CancellationToken ct)
    {
        _deliveries.Enqueue(message);
        return behaviour is null ? Task.FromResult(DeliveryOutcome.Success) : behaviour(message).WaitAsync(ct);
    }

    public static MessageRecorder AlwaysFailing(string description) =>
        new(_ => Task.FromResult(DeliveryOutcome.Failed(description)));
}
