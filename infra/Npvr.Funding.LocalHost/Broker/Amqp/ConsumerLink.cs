using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// A client's receiver on a queue, subscription or dead-letter queue. Messages are taken from the emulator against
/// the link's credit and transferred with the lock token as delivery tag (the client reads the tag). With a drain
/// the library zeroes the credit when the credit callback returns (azure-amqp src/AmqpLink.cs OnReceiveFlow), so
/// what is available is sent inside the callback and the rest of the credit is given up. Peek-lock links ("settle
/// on dispose") get each disposition answered settled (servicebus-amqp.md, "Dispositions").
/// </summary>
internal sealed class ConsumerLink
{
    /// <summary>More outstanding credit than this is not tracked: a prefetch this large is never asked for here.</summary>
    private const int MaxCredit = 10_000;

    private readonly Lock _sync = new();
    private readonly SendingAmqpLink _link;
    private readonly string _entityPath;
    private readonly ServiceBusEmulator _emulator;
    private readonly ILogger _logger;
    private readonly bool _deleteOnReceive;
    private int _credit;
    private bool _closed;

    public ConsumerLink(SendingAmqpLink link, string entityPath, ServiceBusEmulator emulator, ILogger logger)
    {
        _link = link;
        _entityPath = entityPath;
        _emulator = emulator;
        _logger = logger;
        _deleteOnReceive = link.Settings.SettleType == SettleMode.SettleOnSend;
        link.RegisterCreditListener(OnCredit);
        link.RegisterDispositionListener(OnDisposition);
        link.Closed += (_, _) =>
        {
            lock (_sync)
            {
                _closed = true;
                _credit = 0;
            }

            // Locks taken through this link stay until they expire, as on Service Bus.
            Closed?.Invoke();
        };
    }

    public event Action? Closed;

    /// <summary>Sends what is available now, up to the credit left (called when the emulator reports a change).</summary>
    public void TryDeliver()
    {
        lock (_sync)
        {
            DeliverAvailable();
        }
    }

    private void OnCredit(uint credit, bool drain, ArraySegment<byte> txnId)
    {
        lock (_sync)
        {
            _credit = (int)Math.Min((long)_credit + credit, MaxCredit);
            DeliverAvailable();
            if (drain)
            {
                _credit = 0;
            }
        }
    }

    // Under _sync, never under the emulator's lock: the emulator picks, then the transfers go out in that order.
    private void DeliverAvailable()
    {
        if (_closed || _credit <= 0)
        {
            return;
        }

        try
        {
            IReadOnlyList<BrokerDelivery> deliveries = _emulator.Receive(_entityPath, _credit, _deleteOnReceive);
            _credit -= deliveries.Count;
            foreach (BrokerDelivery delivery in deliveries)
            {
                Guid tag = delivery.LockToken ?? Guid.NewGuid();
                _link.SendMessageNoWait(DeliveryEncoder.Encode(delivery), new ArraySegment<byte>(tag.ToByteArray()), AmqpConstants.NullBinary);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or AmqpException or InvalidOperationException)
        {
            // The broker is shutting down or the link closed meanwhile: a message taken stays locked until its lock expires.
            _logger.LogDebug(ex, "{EntityPath}: delivery stopped", _entityPath);
            _closed = true;
        }
    }

    private void OnDisposition(Delivery delivery)
    {
        if (delivery.DeliveryTag.Count != 16)
        {
            return; // not one of ours: every transfer of this link carries a 16-byte lock token
        }

        var lockToken = new Guid(delivery.DeliveryTag.AsSpan());
        DeliveryState answer;
        try
        {
            answer = Settle(lockToken, delivery.State);
        }
        catch (ObjectDisposedException)
        {
            answer = Refusal(AmqpErrorCode.InternalError, "The local Service Bus is shutting down.");
        }

        if (!delivery.Settled)
        {
            _link.DisposeDelivery(delivery, true, answer);
        }
    }

    private DeliveryState Settle(Guid lockToken, DeliveryState state)
    {
        SettleResult result;
        DeliveryState answer;
        switch (state)
        {
            case Accepted:
                result = _emulator.Complete(_entityPath, lockToken);
                answer = AmqpConstants.AcceptedOutcome;
                break;
            case Modified { UndeliverableHere: true }:
                return Refusal(AmqpErrorCode.NotImplemented, "Deferring messages is not supported by the local Service Bus endpoint.");
            case Modified modified:
                result = _emulator.Abandon(_entityPath, lockToken, AmqpValues.ToProperties(modified.MessageAnnotations));
                answer = new Modified();
                break;
            case Rejected rejected:
                result = DeadLetter(lockToken, rejected.Error);

                // A plain Rejected: echoing the error makes the client retry through update-disposition and fail.
                answer = new Rejected();
                break;
            case Released:
                result = _emulator.Release(_entityPath, lockToken);
                answer = AmqpConstants.ReleasedOutcome;
                break;
            default:
                return Refusal(AmqpErrorCode.NotImplemented, $"The delivery state {state?.GetType().Name} is not supported.");
        }

        return result == SettleResult.LockLost
            ? Refusal(ServiceBusNames.MessageLockLost, "The lock supplied is invalid: it expired, or the message was already settled.")
            : answer;
    }

    private SettleResult DeadLetter(Guid lockToken, Error? error)
    {
        string? reason = error?.Info?[StoredMessage.DeadLetterReasonProperty] as string;
        string? description = error?.Info?[StoredMessage.DeadLetterDescriptionProperty] as string;
        Dictionary<string, object>? changes = AmqpValues.ToProperties(
            error?.Info,
            name => name is not StoredMessage.DeadLetterReasonProperty and not StoredMessage.DeadLetterDescriptionProperty);
        _logger.LogDebug("{EntityPath}: receiver dead-letters a message: {Reason}", _entityPath, reason);
        return _emulator.DeadLetter(_entityPath, lockToken, reason, description, changes);
    }

    private static Rejected Refusal(Microsoft.Azure.Amqp.Encoding.AmqpSymbol condition, string description) =>
        new() { Error = new Error { Condition = condition, Description = description } };
}
