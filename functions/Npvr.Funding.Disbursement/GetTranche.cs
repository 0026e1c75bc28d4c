using Npvr.Funding.Hosting;

namespace Npvr.Funding.Disbursement;

/// <summary>GET /tranches/{trancheId}: Finance and Auditor; a kassier only a tranche of their own (else 403).</summary>
public sealed class GetTranche(DisbursementStore store, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(GetTranche);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        TrancheAccess.RequireReader(call);
        var key = DisbursementRoutes.Tranche(call);
        var table = await store.TableAsync(cancellationToken);
        var state = await DisbursementStore.RegionYearAsync(table, key.ProgrammeId, key.Year, key.RegionId, cancellationToken);
        var tranche = state.Tranches.Find(call.Request.Route("trancheId"))
            ?? throw new ProblemException(Problem.NotFound("tranche-not-found", "There is no such tranche."));
        if (!await new TrancheAccess(table, call, clock).MaySeeAsync(tranche, cancellationToken))
            throw new ProblemException(Problem.Forbidden("not-kassier-of-tranche", $"Tranche {tranche.TrancheId} is not paid to your organisation or its region."));
        return Respond(HttpResult.Ok(TrancheView.From(tranche)));
    }
}
