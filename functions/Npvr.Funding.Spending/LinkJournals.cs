using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// LinkJournals (timer, every minute): links whatever is still staged in any region's journal, and signs a checkpoint
/// of any tree the last checkpoint does not cover. Every writer links after it stages and the linker signs after it
/// links, so this only finds the work of a writer that stopped in between, or a checkpoint storage could not take.
/// </summary>
public sealed class LinkJournals(JournalLinker linker, Checkpoints checkpoints) : IFunction
{
    public string Name => nameof(LinkJournals);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        foreach (var region in Regions.All)
        {
            await linker.LinkAsync(region.Id, cancellationToken);
            await checkpoints.TryWriteAsync(region.Id, cancellationToken);
        }
        return new InvocationResult().Log($"Linked what was staged in {Regions.All.Count} regions' journals.");
    }
}
