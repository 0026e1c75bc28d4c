using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// The management operations, each reading its request map and answering as servicebus-amqp.md's table says.
/// Every list in a request is bounded by <see cref="MaxItemsPerRequest"/>.
/// </summary>
internal static class ManagementOperations
{
    /// <summary>The client sends one lock token per renewal and at most a batch's worth of messages per schedule.</summary>
    public const int MaxItemsPerRequest = 5000;

    private const int Gone = 410;

    public static AmqpMessage RenewLock(ServiceBusEmulator emulator, string entityPath, AmqpMap body)
    {
        Guid[] lockTokens = Bounded((Guid[])body[ServiceBusNames.LockTokens]);
        var expirations = new DateTime[lockTokens.Length];
        for (int i = 0; i < lockTokens.Length; i++)
        {
            if (emulator.RenewLock(entityPath, lockTokens[i]) is not { } lockedUntilUtc)
            {
                return LockLost();
            }

            expirations[i] = lockedUntilUtc.UtcDateTime;
        }

        return ManagementResponse.Ok(new AmqpMap { [ServiceBusNames.Expirations] = expirations });
    }

    public static AmqpMessage Peek(ServiceBusEmulator emulator, string entityPath, AmqpMap body)
    {
        long fromSequenceNumber = Convert.ToInt64(body[ServiceBusNames.FromSequenceNumber], System.Globalization.CultureInfo.InvariantCulture);
        int count = Convert.ToInt32(body[ServiceBusNames.MessageCount], System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<BrokerDelivery> peeked = emulator.Peek(entityPath, fromSequenceNumber, Math.Clamp(count, 0, MaxItemsPerRequest));
        if (peeked.Count == 0)
        {
            return ManagementResponse.NoContent();
        }

        var messages = new List<object>(peeked.Count);
        foreach (BrokerDelivery delivery in peeked)
        {
            messages.Add(new AmqpMap { [ServiceBusNames.Message] = new ArraySegment<byte>(DeliveryEncoder.ToBytes(delivery)) });
        }

        return ManagementResponse.Ok(new AmqpMap { [ServiceBusNames.Messages] = messages });
    }

    public static AmqpMessage Schedule(ServiceBusEmulator emulator, string entityPath, AmqpMap body)
    {
        var entries = (System.Collections.IList)body[ServiceBusNames.Messages];
        var messages = new List<BrokerMessage>(entries.Count);
        foreach (AmqpMap entry in Bounded(entries).Cast<AmqpMap>())
        {
            var encoded = (ArraySegment<byte>)entry[ServiceBusNames.Message];
            BrokerMessage message = MessageDecoder.FromBytes(encoded.ToArray());
            messages.Add(message.ScheduledEnqueueTimeUtc is null
                ? throw new ArgumentException("A message to schedule carries no x-opt-scheduled-enqueue-time annotation.")
                : message);
        }

        long[] numbers = [.. emulator.Schedule(entityPath, messages)];
        return ManagementResponse.Ok(new AmqpMap { [ServiceBusNames.SequenceNumbers] = numbers });
    }

    public static AmqpMessage CancelScheduled(ServiceBusEmulator emulator, string entityPath, AmqpMap body)
    {
        long[] numbers = Bounded((long[])body[ServiceBusNames.SequenceNumbers]);
        emulator.CancelScheduled(entityPath, numbers);
        return ManagementResponse.Ok();
    }

    /// <summary>Settles by lock token (the client uses it for messages it received through the management link).</summary>
    public static AmqpMessage UpdateDisposition(ServiceBusEmulator emulator, string entityPath, AmqpMap body)
    {
        Guid[] lockTokens = Bounded((Guid[])body[ServiceBusNames.LockTokens]);
        string status = (string)body[ServiceBusNames.DispositionStatus];
        var changes = AmqpValues.ToProperties(body[ServiceBusNames.PropertiesToModify] as AmqpMap);
        foreach (Guid lockToken in lockTokens)
        {
            SettleResult result = status switch
            {
                "completed" => emulator.Complete(entityPath, lockToken),
                "abandoned" => emulator.Abandon(entityPath, lockToken, changes),
                "suspended" => emulator.DeadLetter(
                    entityPath, lockToken, body[ServiceBusNames.DeadLetterReason] as string, body[ServiceBusNames.DeadLetterDescription] as string, changes),
                _ => throw new NotSupportedException(status),
            };
            if (result == SettleResult.LockLost)
            {
                return LockLost();
            }
        }

        return ManagementResponse.Ok();
    }

    private static AmqpMessage LockLost() =>
        ManagementResponse.Error(Gone, ServiceBusNames.MessageLockLost, "The lock supplied is invalid: it expired, or the message was already settled.");

    private static T Bounded<T>(T items)
        where T : System.Collections.ICollection =>
        items.Count <= MaxItemsPerRequest ? items : throw new ArgumentException($"At most {MaxItemsPerRequest} items per request.");
}
