using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Registration;

/// <summary>
/// GET /regions/{regionId}/kassier: any signed-in role; the designation in force today and the full history, each
/// designation withdrawn before it took effect marked with its withdrawal.
/// </summary>
public sealed class GetKassier(DesignationStore store, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(GetKassier);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = Regions.Require(call.Request.Route("regionId")).Id;
        var (reading, readingWithdrawals) = (store.HistoryAsync(regionId, cancellationToken), store.WithdrawalsAsync(regionId, cancellationToken));
        await Task.WhenAll(reading, readingWithdrawals);
        var (history, withdrawals) = (await reading, await readingWithdrawals);
        // One withdrawal per designation at most: found by the moment its designation was made.
        var byDesignation = withdrawals.ToDictionary(w => w.DesignatedAt.UtcTicks);
        var today = Npvr.Funding.Domain.Spending.BusinessDate.InAmsterdam(clock.GetUtcNow());
        return Respond(HttpResult.Ok(new
        {
            regionId,
            current = DesignationView.FromNullable(KassierDesignations.InForceOn(history, withdrawals, today)),
            history = history.Select(d => DesignationView.InHistory(d, byDesignation.GetValueOrDefault(d.DesignatedAt.UtcTicks))),
        }));
    }
}
