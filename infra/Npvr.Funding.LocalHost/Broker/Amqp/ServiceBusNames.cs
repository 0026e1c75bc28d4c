using Microsoft.Azure.Amqp.Encoding;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// Names of Service Bus's AMQP dialect (SB Amqp/AmqpMessageConstants.cs, Amqp/ManagementConstants.cs,
/// Amqp/AmqpClientConstants.cs). Kept in one place so a typo cannot hide in one file.
/// </summary>
internal static class ServiceBusNames
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string DeadLetterSource = "x-opt-deadletter-source";

    public const string Operation = "operation";
    public const string StatusCode = "statusCode";
    public const string StatusDescription = "statusDescription";
    public const string ErrorCondition = "errorCondition";

    public static readonly AmqpSymbol DeadLetterCondition = "com.microsoft:dead-letter";
    public static readonly AmqpSymbol MessageLockLost = "com.microsoft:message-lock-lost";
    public static readonly AmqpSymbol EntityDisabled = "com.microsoft:entity-disabled";
    public static readonly AmqpSymbol ArgumentError = "com.microsoft:argument-error";

    public static readonly MapKey LockTokens = new("lock-tokens");
    public static readonly MapKey Expirations = new("expirations");
    public static readonly MapKey FromSequenceNumber = new("from-sequence-number");
    public static readonly MapKey MessageCount = new("message-count");
    public static readonly MapKey Messages = new("messages");
    public static readonly MapKey Message = new("message");
    public static readonly MapKey SequenceNumbers = new("sequence-numbers");
    public static readonly MapKey DispositionStatus = new("disposition-status");
    public static readonly MapKey DeadLetterReason = new("deadletter-reason");
    public static readonly MapKey DeadLetterDescription = new("deadletter-description");
    public static readonly MapKey PropertiesToModify = new("properties-to-modify");
}
