using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// A client's sender on a queue or topic: each transfer (one message or a batch) is sent to the emulator as a whole
/// and answered Accepted, or Rejected with the condition the client maps to the right ServiceBusException
/// (SB Amqp/AmqpSender.cs: a non-Accepted outcome throws the Rejected error as a messaging exception).
/// </summary>
internal sealed class PublisherLink
{
    private readonly ReceivingAmqpLink _link;
    private readonly string _target;
    private readonly ServiceBusEmulator _emulator;
    private readonly ILogger _logger;

    public PublisherLink(ReceivingAmqpLink link, string target, ServiceBusEmulator emulator, ILogger logger)
    {
        _link = link;
        _target = target;
        _emulator = emulator;
        _logger = logger;
        link.RegisterMessageListener(OnMessage);
    }

    private void OnMessage(AmqpMessage transfer)
    {
        Outcome outcome;
        try
        {
            _emulator.Send(_target, MessageDecoder.Decode(transfer));
            outcome = AmqpConstants.AcceptedOutcome;
        }
        catch (SendRefusedException ex)
        {
            // As for an entity whose status is SendDisabled: the client raises MessagingEntityDisabled, not retried.
            outcome = Rejected(ServiceBusNames.EntityDisabled, ex.Message);
        }
        catch (AmqpException ex)
        {
            outcome = new Rejected { Error = ex.Error };
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or ArgumentException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "A message sent to {Target} was refused", _target);
            outcome = Rejected(ServiceBusNames.ArgumentError, ex.Message);
        }

        _link.DisposeMessage(transfer, outcome, true, false);
        transfer.Dispose();
    }

    private static Rejected Rejected(Microsoft.Azure.Amqp.Encoding.AmqpSymbol condition, string description) =>
        new() { Error = new Error { Condition = condition, Description = description } };
}
