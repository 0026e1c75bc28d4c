using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// The endpoint's sending links of request/response pairs, found by the request's reply-to (the client's receiving
/// link's target address). Keyed per connection: two clients may pick the same reply address.
/// </summary>
internal sealed class ReplyLinks
{
    private readonly ConcurrentDictionary<(AmqpConnection Connection, string Address), SendingAmqpLink> _links = new();

    public void Add(SendingAmqpLink link)
    {
        string address = (link.Settings.Target as Target)?.Address?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "A reply link needs a target address.");
        var key = (link.Session.Connection, address);
        if (!_links.TryAdd(key, link))
        {
            throw new AmqpException(AmqpErrorCode.NotAllowed, $"A reply link to '{address}' already exists on this connection.");
        }

        link.Closed += (_, _) => _links.TryRemove(key, out _);
    }

    public SendingAmqpLink? Find(AmqpConnection connection, string? replyTo) =>
        replyTo is not null && _links.TryGetValue((connection, replyTo), out SendingAmqpLink? link) ? link : null;
}
