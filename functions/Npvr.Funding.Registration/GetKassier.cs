using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Registration;

/// <summary>GET /regions/{regionId}/kassier: any signed-in role; the designation in force today and the full history.</summary>
public sealed class GetKassier(DesignationStore store, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(GetKassier);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = Regions.Require(call.Request.Route("regionId")).Id;
        var history = await store.HistoryAsync(regionId, cancellationToken);
        var today = Npvr.Funding.Domain.Spending.BusinessDate.InAmsterdam(clock.GetUtcNow());
        return Respond(HttpResult.Ok(new
        {
            regionId,
            current = DesignationView.FromNullable(KassierDesignations.InForceOn(history, today)),
            history = history.Select(DesignationView.From),
        }));
    }
}
