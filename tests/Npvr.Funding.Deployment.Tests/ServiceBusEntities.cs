namespace Npvr.Funding.Deployment.Tests;

internal enum EntityKind
{
    Queue,
    Topic,
    Subscription,
}

internal enum Access
{
    Send,
    Receive,
}

/// <summary>A Service Bus entity; a subscription's path is "topic/subscription".</summary>
internal sealed record Entity(EntityKind Kind, string Path)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Path}'";

    /// <summary>The ARM resource id of this entity under a namespace id.</summary>
    public string ResourceIdUnder(string namespaceId) => Kind switch
    {
        EntityKind.Queue => $"{namespaceId}/queues/{Path}",
        EntityKind.Topic => $"{namespaceId}/topics/{Path}",
        _ => $"{namespaceId}/topics/{Path.Split('/')[0]}/subscriptions/{Path.Split('/')[1]}",
    };
}

internal sealed record EntityUse(Entity Entity, Access Access)
{
    public override string ToString() => $"{Access.ToString().ToLowerInvariant()} {Entity}";
}
