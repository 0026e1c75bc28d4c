using Microsoft.Azure.Amqp;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>What a link attaches to.</summary>
internal enum LinkAddressKind
{
    /// <summary>"$cbs": claims-based security (put-token).</summary>
    Cbs,

    /// <summary>"&lt;entity&gt;/$management": request/response operations on an entity.</summary>
    Management,

    /// <summary>A queue or topic (to send) or a queue, subscription or dead-letter queue (to receive).</summary>
    Entity,
}

/// <summary>
/// A link's address as the Service Bus client writes it (servicebus-amqp.md, "Addresses"): "/q1",
/// "/topic/Subscriptions/sub/$DeadLetterQueue", "q1/$management", "$cbs"; a full amqp:// URI is read by its path.
/// </summary>
internal readonly record struct LinkAddress(LinkAddressKind Kind, string EntityPath)
{
    private const string ManagementSuffix = "/$management";

    /// <exception cref="AmqpException">No address (amqp:invalid-field).</exception>
    public static LinkAddress Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new AmqpException(AmqpErrorCode.InvalidField, "The link has no address.");
        }

        string path = address;
        if (Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && uri.Scheme is "amqp" or "amqps" or "sb")
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }

        path = path.TrimStart('/');
        if (path.Equals("$cbs", StringComparison.OrdinalIgnoreCase))
        {
            return new LinkAddress(LinkAddressKind.Cbs, string.Empty);
        }

        return path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase)
            ? new LinkAddress(LinkAddressKind.Management, path[..^ManagementSuffix.Length])
            : new LinkAddress(LinkAddressKind.Entity, path);
    }
}
