using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// "&lt;entity&gt;/$management": the request/response operations the client uses beyond plain links (SB
/// Amqp/ManagementConstants.cs, Amqp/AmqpRequestMessage.cs, Amqp/AmqpResponseMessage.cs): renew-lock, peek-message,
/// schedule-message, cancel-scheduled-message, update-disposition. Others answer 501 amqp:not-implemented, which the
/// client raises as NotSupportedException.
/// </summary>
internal sealed class ManagementNode(ReplyLinks replies, ServiceBusEmulator emulator, ILogger logger) : RequestResponseNode(replies, logger)
{
    private const string Prefix = "com.microsoft:";

    protected override AmqpMessage Answer(string entityPath, AmqpMessage request)
    {
        string? operation = request.ApplicationProperties?.Map[ServiceBusNames.Operation] as string;
        AmqpMap body = (request.BodyType & SectionFlag.AmqpValue) != 0 ? request.ValueBody.Value as AmqpMap ?? [] : [];
        try
        {
            return operation switch
            {
                Prefix + "renew-lock" => ManagementOperations.RenewLock(emulator, entityPath, body),
                Prefix + "peek-message" => ManagementOperations.Peek(emulator, entityPath, body),
                Prefix + "schedule-message" => ManagementOperations.Schedule(emulator, entityPath, body),
                Prefix + "cancel-scheduled-message" => ManagementOperations.CancelScheduled(emulator, entityPath, body),
                Prefix + "update-disposition" => ManagementOperations.UpdateDisposition(emulator, entityPath, body),
                _ => ManagementResponse.Error(
                    501, AmqpErrorCode.NotImplemented, $"The operation '{operation}' is not supported by the local Service Bus endpoint."),
            };
        }
        catch (SendRefusedException ex)
        {
            return ManagementResponse.Error(400, ServiceBusNames.EntityDisabled, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return ManagementResponse.Error(404, AmqpErrorCode.NotFound, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or ArgumentException or NullReferenceException)
        {
            Logger.LogWarning(ex, "A {Operation} request on {EntityPath} was malformed", operation, entityPath);
            return ManagementResponse.Error(400, ServiceBusNames.ArgumentError, $"The {operation} request is malformed: {ex.Message}");
        }
    }
}

/// <summary>Management answers: "statusCode" (int, camelCase unlike CBS), "statusDescription", optional "errorCondition".</summary>
internal static class ManagementResponse
{
    public static AmqpMessage Ok(AmqpMap? body = null) => Create(200, "OK", body, null);

    public static AmqpMessage NoContent() => Create(204, "No Content", null, null);

    public static AmqpMessage Error(int status, AmqpSymbol condition, string description) => Create(status, description, null, condition);

    private static AmqpMessage Create(int status, string description, AmqpMap? body, AmqpSymbol? condition)
    {
        AmqpMessage response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties.Map[ServiceBusNames.StatusCode] = status;
        response.ApplicationProperties.Map[ServiceBusNames.StatusDescription] = description;
        if (condition is { } errorCondition)
        {
            response.ApplicationProperties.Map[ServiceBusNames.ErrorCondition] = errorCondition;
        }

        return response;
    }
}
