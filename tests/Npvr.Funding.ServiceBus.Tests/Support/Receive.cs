using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.ServiceBus.Tests.Support;

/// <summary>Receives with a bound, so a broker that never delivers fails the test instead of hanging it.</summary>
public static class Receive
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static async Task<ServiceBusReceivedMessage> OneAsync(ServiceBusReceiver receiver)
    {
        ServiceBusReceivedMessage? message = await receiver.ReceiveMessageAsync(Bound);
        Assert.True(message is not null, $"no message arrived on {receiver.EntityPath} within {Bound}");
        return message;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages (in as many calls as the broker needs, bounded).</summary>
    public static async Task<IReadOnlyList<ServiceBusReceivedMessage>> ManyAsync(ServiceBusReceiver receiver, int count)
    {
        var messages = new List<ServiceBusReceivedMessage>();
        for (int call = 0; call < count + 10 && messages.Count < count; call++)
        {
            messages.AddRange(await receiver.ReceiveMessagesAsync(count - messages.Count, Bound));
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }

    /// <summary>True when nothing is left in the entity: a peek sees active, locked and scheduled messages at once.</summary>
    public static async Task<bool> IsEmptyAsync(ServiceBusClient client, string queueName, string? subscriptionName = null)
    {
        await using ServiceBusReceiver peeker = subscriptionName is null
            ? client.CreateReceiver(queueName)
            : client.CreateReceiver(queueName, subscriptionName);
        return await peeker.PeekMessageAsync(fromSequenceNumber: 0) is null;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");
}
