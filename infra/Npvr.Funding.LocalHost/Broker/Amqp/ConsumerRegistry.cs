using System.Collections.Concurrent;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// The open consumer links; when the emulator says a message may have become deliverable, each link with credit
/// left asks for messages again (a link waiting with credit is how a client's receive call waits for a message).
/// </summary>
internal sealed class ConsumerRegistry : IDisposable
{
    private readonly ServiceBusEmulator _emulator;
    private readonly ConcurrentDictionary<ConsumerLink, byte> _consumers = new();

    public ConsumerRegistry(ServiceBusEmulator emulator)
    {
        _emulator = emulator;
        emulator.Deliverable += OnDeliverable;
    }

    public void Add(ConsumerLink consumer)
    {
        _consumers.TryAdd(consumer, 0);
        consumer.Closed += () => _consumers.TryRemove(consumer, out _);
    }

    public void Dispose() => _emulator.Deliverable -= OnDeliverable;

    private void OnDeliverable()
    {
        // Bounded by the links open now; a link without credit returns at once.
        foreach (ConsumerLink consumer in _consumers.Keys)
        {
            consumer.TryDeliver();
        }
    }
}
