using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Sends a function's "serviceBus" output binding values with ServiceBusSender, one sender per queue or topic.
/// The bodies of one output go in one call, so they are stored all or none.
/// </summary>
public sealed class ServiceBusOutputs(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.OrdinalIgnoreCase);

    public async Task SendAsync(string queueOrTopic, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        if (bodies.Count == 0)
        {
            return;
        }

        ServiceBusSender sender = _senders.GetOrAdd(queueOrTopic, client.CreateSender);

        // As the string output binding sends them: a text body, content type text/plain, no MessageId of its own.
        await sender.SendMessagesAsync(bodies.Select(body => new ServiceBusMessage(body) { ContentType = "text/plain" }), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceBusSender sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }

        _senders.Clear();
    }
}
