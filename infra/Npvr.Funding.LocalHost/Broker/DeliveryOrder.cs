namespace Npvr.Funding.LocalHost.Broker;

/// <summary>How <see cref="BrokerFaults.ReorderNextDeliveries"/> permutes a batch of messages.</summary>
public enum DeliveryOrder
{
    /// <summary>Last available first.</summary>
    Reverse,

    /// <summary>A shuffle that is the same for the same seed.</summary>
    Random,
}
