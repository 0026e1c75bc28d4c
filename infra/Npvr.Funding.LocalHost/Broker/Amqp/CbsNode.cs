using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// "$cbs": accepts every put-token (the client sends one before each link attach). Like Microsoft's emulator, the
/// local endpoint does not check the SAS token: it is a development runtime. Reply properties as in azure-amqp
/// src/Cbs/CbsConstants.cs: "status-code" (int) and "status-description".
/// </summary>
internal sealed class CbsNode(ReplyLinks replies, ILogger logger) : RequestResponseNode(replies, logger)
{
    private const int Accepted = 202;

    protected override AmqpMessage Answer(string entityPath, AmqpMessage request)
    {
        AmqpMessage response = AmqpMessage.Create();
        response.ApplicationProperties.Map["status-code"] = Accepted;
        response.ApplicationProperties.Map["status-description"] = "Accepted";
        return response;
    }
}
