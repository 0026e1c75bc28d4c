using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// LinkJournals (timer, every minute): links whatever is still staged in any region's journal. Every writer links
/// after it stages, so this only finds the events of a writer that stopped between its commit and its link.
/// </summary>
public sealed class LinkJournals(JournalLinker linker) : IFunction
{
    public string Name => nameof(LinkJournals);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        foreach (var region in Regions.All) await linker.LinkAsync(region.Id, cancellationToken);
        return new InvocationResult().Log($"Linked what was staged in {Regions.All.Count} regions' journals.");
    }
}
