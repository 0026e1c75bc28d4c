using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// POST /tranches/{trancheId}/discrepancy/resolution: Funding.Finance only. <c>supplement</c> issues a supplementary
/// tranche for a shortfall (received again like any tranche); <c>recovery</c> records the recovery of an overpayment.
/// </summary>
public sealed class ResolveDiscrepancy(DisbursementStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ResolveDiscrepancy);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance);
        var body = call.ReadBody<ResolutionRequest>();
        ResolutionAction? action = body.Action is null ? null
            : TrancheNames.ParseAction(body.Action) ?? throw new ProblemException(Problem.BadRequest("action-invalid", "action is \"supplement\" or \"recovery\"."));
        var input = new ResolutionInput(body.Reason, action);
        return await TrancheWrites.CommitAsync(store, writes, call, clock, (state, tranche, now, yearClosed) =>
        {
            var decision = Tranches.ResolveDiscrepancy(state.Tranches, tranche.TrancheId, input, call.Caller.Name, yearClosed, now);
            return new TrancheChange([decision.Resolved], decision.Supplementary is { } s ? [s] : [], DisbursementEvents.Of(decision), decision.Resolved);
        }, cancellationToken);
    }

    private sealed record ResolutionRequest(string? Reason, string? Action);
}
