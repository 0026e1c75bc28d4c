using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// The AMQP library's factory for connections, sessions and links, and the router of attaches: "$cbs" to the CBS
/// node, "&lt;entity&gt;/$management" to the management node, entities to publisher or consumer links. Modelled on
/// azure-amqp's test broker (test/TestAmqpBroker/TestAmqpBroker.cs: CreateLink, BeginOpenLink).
/// </summary>
internal sealed class EndpointRuntime : IRuntimeProvider
{
    private readonly ServiceBusEmulator _emulator;
    private readonly ServiceBusAmqpEndpointOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private readonly CbsNode _cbs;
    private readonly ManagementNode _management;
    private readonly ConsumerRegistry _consumers;

    public EndpointRuntime(ServiceBusEmulator emulator, ServiceBusAmqpEndpointOptions options, ILogger logger)
    {
        _emulator = emulator;
        _options = options;
        _logger = logger;
        var replies = new ReplyLinks();
        _cbs = new CbsNode(replies, logger);
        _management = new ManagementNode(replies, emulator, logger);
        _consumers = new ConsumerRegistry(emulator);
    }

    public AmqpConnection CreateConnection(
        TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings)
    {
        var connection = new AmqpConnection(transport, protocolHeader, false, amqpSettings, connectionSettings);
        _connections.TryAdd(connection, 0);
        connection.Closed += (_, _) => _connections.TryRemove(connection, out _);
        return connection;
    }

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        bool weReceive = settings.Role == true;
        if (weReceive)
        {
            // The client reads max-message-size from our attach to size its batches (SB Amqp/AmqpSender.cs).
            settings.MaxMessageSize = _options.MaxMessageSizeBytes;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        Attach(link);
        return new CompletedResult(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    /// <summary>Closes every open connection (the endpoint is stopping).</summary>
    public void CloseAll()
    {
        // Bounded by the connections open at this moment; closing removes each from the set.
        foreach (AmqpConnection connection in _connections.Keys.ToList())
        {
            connection.SafeClose();
        }

        _consumers.Dispose();
    }

    private void Attach(AmqpLink link)
    {
        string? address = link.IsReceiver
            ? (link.Settings.Target as Target)?.Address?.ToString()
            : (link.Settings.Source as Source)?.Address?.ToString();
        LinkAddress parsed = link.IsReceiver && link.Settings.Target is not Target
            ? throw new AmqpException(AmqpErrorCode.NotImplemented, "Transactions are not supported by the local Service Bus endpoint.")
            : LinkAddress.Parse(address);
        switch (parsed.Kind)
        {
            case LinkAddressKind.Cbs:
                _cbs.Attach(link, string.Empty);
                break;
            case LinkAddressKind.Management:
                RequireEntity(parsed.EntityPath, _emulator.IsReceivable(parsed.EntityPath) || _emulator.IsSendTarget(parsed.EntityPath));
                _management.Attach(link, parsed.EntityPath);
                break;
            case LinkAddressKind.Entity when link.IsReceiver:
                RequireEntity(parsed.EntityPath, _emulator.IsSendTarget(parsed.EntityPath));
                _ = new PublisherLink((ReceivingAmqpLink)link, parsed.EntityPath, _emulator, _logger);
                break;
            default:
                RequireEntity(parsed.EntityPath, _emulator.IsReceivable(parsed.EntityPath));
                _consumers.Add(new ConsumerLink((SendingAmqpLink)link, parsed.EntityPath, _emulator, _logger));
                break;
        }
    }

    private void RequireEntity(string entityPath, bool exists)
    {
        if (!exists)
        {
            // The client turns amqp:not-found on a link into MessagingEntityNotFound (SB Amqp/AmqpExceptionHelper.cs).
            _logger.LogWarning("Refused a link to unknown entity '{EntityPath}'", entityPath);
            throw new AmqpException(AmqpErrorCode.NotFound, $"The messaging entity '{entityPath}' could not be found.");
        }
    }

    /// <summary>A link open that finished at once (the test broker's CompletedAsyncResult).</summary>
    private sealed class CompletedResult : IAsyncResult
    {
        public CompletedResult(AsyncCallback callback, object state)
        {
            AsyncState = state;
            callback(this);
        }

        public object AsyncState { get; }

        public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

        public bool CompletedSynchronously => true;

        public bool IsCompleted => true;
    }
}
