using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// In-process stand-in for the Service Bus namespace of infra/topology.json, with the semantics the system relies on:
/// queues; topics whose subscriptions each get a copy; peek-lock with lock renewal; abandon and redelivery;
/// dead-lettering after maxDeliveryCount, on expiry or on request, into "$DeadLetterQueue" subqueues; duplicate
/// detection; scheduled enqueue and its cancellation; peek; and fault injection (<see cref="Faults"/>). All time comes
/// from the <see cref="TimeProvider"/>. Entity paths: a queue's name, or "topic/Subscriptions/sub". It is the single
/// source of truth for entity state; the AMQP endpoint (Amqp/ServiceBusAmqpEndpoint) only translates to it.
/// A development and test runtime only: nothing is persisted.
/// </summary>
public sealed partial class ServiceBusEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, MessageEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SendTarget> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITimer _wakeTimer;
    private bool _disposed;

    /// <summary>Creates an emulator with the entities of <paramref name="topology"/>.</summary>
    /// <exception cref="ArgumentException">Two queues or topics share a name, or a topic has two subscriptions of one name.</exception>
    public ServiceBusEmulator(BrokerTopology topology, TimeProvider? time = null, ServiceBusEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _time = time ?? TimeProvider.System;
        _logger = (options ?? new ServiceBusEmulatorOptions()).Logger ?? NullLogger.Instance;
        AddEntities(topology);
        EntityPaths = [.. _entities.Keys];
        Faults = new BrokerFaults(this);
        _wakeTimer = _time.CreateTimer(_ => OnWakeTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Every queue name and subscription path ("topic/Subscriptions/sub"); not topic names.</summary>
    public IReadOnlyCollection<string> EntityPaths { get; }

    /// <summary>Fault injection for tests: duplicate, reorder and delay deliveries of an entity; refuse sends.</summary>
    public BrokerFaults Faults { get; }

    /// <summary>Creates an emulator from a topology file (see <see cref="BrokerTopology.Parse"/>).</summary>
    public static ServiceBusEmulator FromTopologyFile(string path, TimeProvider? time = null, ServiceBusEmulatorOptions? options = null) =>
        new(BrokerTopology.Load(path), time, options);

    /// <summary>A snapshot of the dead-letter queue of a queue or subscription.</summary>
    /// <exception cref="InvalidOperationException">Unknown entity path.</exception>
    public IReadOnlyList<DeadLetteredMessage> DeadLetters(string entityPath)
    {
        lock (_gate)
        {
            MessageEntity entity = Entity(entityPath);
            OnStateChanged(_time.GetUtcNow());
            return entity.DeadLetters;
        }
    }

    /// <summary>Available plus locked messages of a queue or subscription (as Service Bus counts them).</summary>
    /// <exception cref="InvalidOperationException">Unknown entity path.</exception>
    public int ActiveMessageCount(string entityPath)
    {
        lock (_gate)
        {
            MessageEntity entity = Entity(entityPath);
            OnStateChanged(_time.GetUtcNow());
            return entity.ActiveCount;
        }
    }

    /// <summary>Applies a fault change to one entity and lets deliveries proceed under the new rules.</summary>
    internal void ChangeFaults(string entityPath, Action<EntityFaultState> change)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MessageEntity entity = Entity(entityPath);
            DateTimeOffset nowUtc = _time.GetUtcNow();
            change(entity.Faults);
            entity.StampFaultTimes(nowUtc);
            entity.DeliverableChanged = true;
            OnStateChanged(nowUtc);
        }
    }

    /// <summary>Applies a fault change to the senders' side of a queue or topic.</summary>
    internal void ChangeSendFaults(string queueOrTopic, Action<SendTarget, DateTimeOffset> change)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            change(Target(queueOrTopic), _time.GetUtcNow());
        }
    }

    /// <summary>True when <paramref name="path"/> names a queue or a topic.</summary>
    internal bool IsSendTarget(string path)
    {
        lock (_gate)
        {
            return _targets.ContainsKey(path);
        }
    }

    private MessageEntity Entity(string entityPath)
    {
        ArgumentNullException.ThrowIfNull(entityPath);
        return _entities.GetValueOrDefault(entityPath) ?? throw new InvalidOperationException(
            $"No queue or subscription with path '{entityPath}'; known: {string.Join(", ", _entities.Keys)}.");
    }

    private SendTarget Target(string queueOrTopic)
    {
        ArgumentNullException.ThrowIfNull(queueOrTopic);
        return _targets.GetValueOrDefault(queueOrTopic) ?? throw new InvalidOperationException(
            $"No queue or topic named '{queueOrTopic}' in the topology; known: {string.Join(", ", _targets.Keys)}.");
    }

    private void AddEntities(BrokerTopology topology)
    {
        MessageEntity NewEntity(string path, EntitySettings settings)
        {
            var entity = new MessageEntity(path, settings, _logger);
            return _entities.TryAdd(path, entity) ? entity : throw new ArgumentException($"Duplicate entity path '{path}'.", nameof(topology));
        }

        foreach (QueueDefinition queue in topology.Queues)
        {
            AddTarget(new SendTarget(queue.Name, [NewEntity(queue.Name, queue.Settings)], queue.Settings, isTopic: false));
        }

        foreach (TopicDefinition topic in topology.Topics)
        {
            List<MessageEntity> subscriptions = [.. topic.Subscriptions.Select(
                s => NewEntity(BrokerTopology.SubscriptionPath(topic.Name, s.Name), s.Settings))];
            AddTarget(new SendTarget(topic.Name, subscriptions, topic.Settings, isTopic: true));
        }
    }

    private void AddTarget(SendTarget target)
    {
        if (!_targets.TryAdd(target.Name, target))
        {
            throw new ArgumentException($"Two queues or topics are named '{target.Name}'.", nameof(target));
        }
    }
}
