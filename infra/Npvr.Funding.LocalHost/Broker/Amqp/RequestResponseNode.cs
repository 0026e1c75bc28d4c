using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// A node answering requests ($cbs, "&lt;entity&gt;/$management"): the client attaches a sending link to it and a
/// receiving link whose target is the reply-to of its requests; each answer carries the request's message-id as
/// correlation-id (azure-amqp src/RequestResponseAmqpLink.cs; test/TestAmqpBroker/Node.cs RpcNode).
/// </summary>
internal abstract class RequestResponseNode(ReplyLinks replies, ILogger logger)
{
    protected ILogger Logger { get; } = logger;

    public void Attach(AmqpLink link, string entityPath)
    {
        if (link is ReceivingAmqpLink requests)
        {
            requests.RegisterMessageListener(request => OnRequest(requests, entityPath, request));
            return;
        }

        replies.Add((SendingAmqpLink)link);
    }

    /// <summary>Answers one request; runs on the library's thread, so it must not block for long.</summary>
    protected abstract AmqpMessage Answer(string entityPath, AmqpMessage request);

    private void OnRequest(ReceivingAmqpLink link, string entityPath, AmqpMessage request)
    {
        using (request)
        {
            AmqpMessage response = Answer(entityPath, request);
            response.Properties.CorrelationId = request.Properties.MessageId;
            if (!request.Settled)
            {
                link.AcceptMessage(request, false);
            }

            SendingAmqpLink? replyLink = replies.Find(link.Session.Connection, request.Properties.ReplyTo?.ToString());
            if (replyLink is null)
            {
                Logger.LogWarning("A request to {Node} had no reply link for '{ReplyTo}'", entityPath, request.Properties.ReplyTo);
                response.Dispose();
                return;
            }

            response.Settled = true;
            replyLink.SendMessageNoWait(response, AmqpConstants.EmptyBinary, AmqpConstants.NullBinary);
        }
    }
}
