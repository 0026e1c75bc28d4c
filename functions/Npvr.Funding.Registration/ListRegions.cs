using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Registration;

/// <summary>
/// GET /regions: any signed-in role; the 11 regions with the kassier in force today (or null). One point read of each
/// region's head, at once: the cost does not grow with the history.
/// </summary>
public sealed class ListRegions(DesignationStore store, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ListRegions);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        Paging.SinglePage(call.Request);
        var today = BusinessDate.InAmsterdam(clock.GetUtcNow());
        // Regions.All is the fixed list of 11: eleven reads in flight at most.
        var heads = await Task.WhenAll(Regions.All.Select(r => store.HeadAsync(r.Id, today, cancellationToken)));
        var items = Regions.All.Select((r, i) => new
        {
            regionId = r.Id,
            name = r.Name,
            kassier = DesignationView.FromNullable(heads[i].Head.InForceOn(today)),
        });
        return Respond(HttpResult.Ok(new { items, continuationToken = (string?)null }));
    }
}
