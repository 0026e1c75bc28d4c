using Npvr.Funding.Hosting;

namespace Npvr.Funding.Disbursement;

/// <summary>GET /tranche-runs/{runId}: Finance and Auditor. Each region's outcome so far; queued regions are still in progress.</summary>
public sealed class GetTrancheRun(DisbursementStore store) : HttpFunction
{
    public override string Name => nameof(GetTrancheRun);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance, Roles.Auditor);
        var runId = call.Request.Route("runId");
        var run = await RunRows.ReadAsync(await store.TableAsync(cancellationToken), runId, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("run-not-found", "There is no such tranche run."));
        return Respond(HttpResult.Ok(RunView.From(run)));
    }
}
