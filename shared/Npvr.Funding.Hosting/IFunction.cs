namespace Npvr.Funding.Hosting;

/// <summary>
/// One function of an app: its name is the folder holding its function.json and the path the host POSTs to.
/// Throwing fails the invocation (non-2xx to the host), so a Service Bus message is abandoned and redelivered.
/// </summary>
public interface IFunction
{
    string Name { get; }

    Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken);
}
