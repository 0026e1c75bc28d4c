using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// POST /tranches/{trancheId}/void: Funding.Finance only, only while the tranche is issued. TrancheVoided releases the
/// allocation's freeze in Allocation, so the estimate may change and the year be issued again (next sequence).
/// </summary>
public sealed class VoidTranche(DisbursementStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(VoidTranche);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance);
        var body = call.ReadBody<VoidRequest>();
        return await TrancheWrites.CommitAsync(store, writes, call, clock, (_, tranche, now, yearClosed) =>
        {
            var voided = Tranches.Void(tranche, body.Reason, call.Caller.Name, yearClosed, now);
            return new TrancheChange([voided], [], DisbursementEvents.OfVoid(voided), voided);
        }, cancellationToken);
    }

    private sealed record VoidRequest(string? Reason);
}
