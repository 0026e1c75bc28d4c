using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Npvr.Funding.LocalHost.Functions;

namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>A trigger's invocation that records every delivery and answers with a behaviour the test chooses.</summary>
public sealed class MessageRecorder(Func<ServiceBusReceivedMessage, Task<InvocationOutcome>>? behaviour = null)
{
    private readonly ConcurrentQueue<ServiceBusReceivedMessage> _deliveries = new();

    public IReadOnlyList<ServiceBusReceivedMessage> Deliveries => [.. _deliveries];

    public IReadOnlyList<string> Bodies => [.. _deliveries.Select(m => m.Body.ToString())];

    public static MessageRecorder AlwaysFailing(string description) =>
        new(_ => Task.FromResult(InvocationOutcome.Failed(description)));

    /// <summary>
    /// A trigger on <paramref name="entityPath"/> with autoComplete on. Lock renewal is off by default: the client
    /// renews on the real clock, which means nothing against a broker on a manual clock.
    /// </summary>
    public ServiceBusTrigger Trigger(string entityPath, int maxConcurrentCalls = 1, TimeSpan? maxAutoLockRenewal = null) => new(
        "test/" + entityPath,
        entityPath,
        new ServiceBusTriggerSettings(maxConcurrentCalls, AutoCompleteMessages: true, PrefetchCount: 0, maxAutoLockRenewal ?? TimeSpan.Zero),
        HandleAsync);

    /// <summary>
    /// Honours the processor's cancellation so that stopping the triggers after a failed assertion ends a handler
    /// the test left blocked.
    /// </summary>
    private Task<InvocationOutcome> HandleAsync(ServiceBusReceivedMessage message, CancellationToken ct)
    {
        _deliveries.Enqueue(message);
        return behaviour is null ? Task.FromResult(InvocationOutcome.Success) : behaviour(message).WaitAsync(ct);
    }
}
