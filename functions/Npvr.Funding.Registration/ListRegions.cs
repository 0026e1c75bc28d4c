using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Registration;

/// <summary>GET /regions: any signed-in role; the 11 regions with the kassier in force today (or null).</summary>
public sealed class ListRegions(DesignationStore store, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ListRegions);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        Paging.SinglePage(call.Request);
        var all = await store.AllAsync(cancellationToken);
        var today = Npvr.Funding.Domain.Spending.BusinessDate.InAmsterdam(clock.GetUtcNow());
        var items = Regions.All.Select(r => new
        {
            regionId = r.Id,
            name = r.Name,
            kassier = DesignationView.FromNullable(KassierDesignations.InForceOn(all[r.Id].ToList(), today)),
        });
        return Respond(HttpResult.Ok(new { items, continuationToken = (string?)null }));
    }
}
