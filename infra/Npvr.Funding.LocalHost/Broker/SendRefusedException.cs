namespace Npvr.Funding.LocalHost.Broker;

/// <summary>
/// A send was refused by the refuse-sends fault (<see cref="BrokerFaults.RefuseSends"/>). Through AMQP a client sees
/// a ServiceBusException with reason MessagingEntityDisabled, as for an entity whose status is SendDisabled.
/// </summary>
public sealed class SendRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception naming the refusing queue or topic in <paramref name="message"/>.</summary>
    public SendRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public SendRefusedException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SendRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
