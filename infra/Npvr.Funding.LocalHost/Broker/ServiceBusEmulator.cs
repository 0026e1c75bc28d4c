using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// In-process stand-in for the Service Bus namespace of infra/topology.json, with the semantics the system relies on:
/// queues; topics whose subscriptions each get a copy; peek-lock with auto-renewal while the handler runs; abandon
/// and redelivery; dead-lettering after maxDeliveryCount or on expiry; duplicate detection; scheduled enqueue;
/// per-processor concurrency; and fault injection (<see cref="Faults"/>). All time comes from the
/// <see cref="TimeProvider"/>. Entity paths: a queue's name, or "topic/Subscriptions/sub".
/// A development and test runtime only: nothing is persisted.
/// </summary>
public sealed partial class ServiceBusEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ServiceBusEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, MessageEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SendTarget> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITimer _wakeTimer;
    private bool _disposed;

    /// <summary>Creates a stopped emulator with the entities of <paramref name="topology"/>.</summary>
    /// <exception cref="ArgumentException">Two queues or topics share a name, or a topic has two subscriptions of one name.</exception>
    public ServiceBusEmulator(BrokerTopology topology, TimeProvider? time = null, ServiceBusEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _time = time ?? TimeProvider.System;
        _options = options ?? new ServiceBusEmulatorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAutoLockRenewalDuration, TimeSpan.Zero);
        _logger = _options.Logger ?? NullLogger.Instance;
        AddEntities(topology);
        EntityPaths = [.. _entities.Keys];
        Faults = new BrokerFaults(this);
        _wakeTimer = _time.CreateTimer(_ => OnWakeTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Every queue name and subscription path ("topic/Subscriptions/sub"); not topic names.</summary>
    public IReadOnlyCollection<string> EntityPaths { get; }

    /// <summary>Fault injection for tests: duplicate, reorder and delay deliveries of an entity.</summary>
    public BrokerFaults Faults { get; }

    /// <summary>Creates a stopped emulator from a topology file (see <see cref="BrokerTopology.Parse"/>).</summary>
    public static ServiceBusEmulator FromTopologyFile(string path, TimeProvider? time = null, ServiceBusEmulatorOptions? options = null) =>
        new(BrokerTopology.Load(path), time, options);

    /// <summary>
    /// Sends to a queue or topic (a topic copies the message to each subscription). A MessageId already sent within
    /// the duplicate detection window is accepted and dropped, as Service Bus does. Works whether or not processing is started.
    /// </summary>
    /// <exception cref="InvalidOperationException">No queue or topic has that name.</exception>
    public Task SendAsync(string queueOrTopic, BrokerMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queueOrTopic);
        ArgumentNullException.ThrowIfNull(message);
        if (message.TimeToLive is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(message));
        }

        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SendTarget target = _targets.GetValueOrDefault(queueOrTopic) ?? throw new InvalidOperationException(
                $"No queue or topic named '{queueOrTopic}' in the topology; known: {string.Join(", ", _targets.Keys)}.");
            DateTimeOffset nowUtc = _time.GetUtcNow();
            string messageId = message.MessageId ?? Guid.NewGuid().ToString("N");
            if (target.Duplicates?.IsDuplicate(messageId, nowUtc) == true)
            {
                _logger.LogInformation("{Target}: duplicate MessageId {MessageId} dropped", target.Name, messageId);
                return Task.CompletedTask;
            }

            foreach (MessageEntity entity in target.Receivers)
            {
                entity.Advance(nowUtc);
                entity.Enqueue(message, messageId, nowUtc, target.MessageTimeToLive);
            }

            OnStateChanged(nowUtc);
        }

        return Task.CompletedTask;
    }

    /// <summary>A snapshot of the dead-letter list of a queue or subscription.</summary>
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
            change(Entity(entityPath).Faults);
            OnStateChanged(_time.GetUtcNow());
        }
    }

    private MessageEntity Entity(string entityPath)
    {
        ArgumentNullException.ThrowIfNull(entityPath);
        return _entities.GetValueOrDefault(entityPath) ?? throw new InvalidOperationException(
            $"No queue or subscription with path '{entityPath}'; known: {string.Join(", ", _entities.Keys)}.");
    }

    private void AddEntities(BrokerTopology topology)
    {
        TimeSpan renewal = _options.MaxAutoLockRenewalDuration;
        MessageEntity NewEntity(string path, EntitySettings settings)
        {
            var entity = new MessageEntity(path, settings, settings.LockDuration > renewal ? settings.LockDuration : renewal, _logger);
            return _entities.TryAdd(path, entity) ? entity : throw new ArgumentException($"Duplicate entity path '{path}'.", nameof(topology));
        }

        foreach (QueueDefinition queue in topology.Queues)
        {
            AddTarget(new SendTarget(queue.Name, [NewEntity(queue.Name, queue.Settings)], queue.Settings));
        }

        foreach (TopicDefinition topic in topology.Topics)
        {
            List<MessageEntity> subscriptions = [.. topic.Subscriptions.Select(
                s => NewEntity(BrokerTopology.SubscriptionPath(topic.Name, s.Name), s.Settings))];
            AddTarget(new SendTarget(topic.Name, subscriptions, topic.Settings));
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
