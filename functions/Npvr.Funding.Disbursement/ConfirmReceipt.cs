using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// POST /tranches/{trancheId}/receipt: the kassier the tranche was paid to (even once replaced as the region's kassier).
/// The same amount makes it received; another amount a discrepancy that keeps both figures.
/// </summary>
public sealed class ConfirmReceipt(DisbursementStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ConfirmReceipt);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier);
        var body = call.ReadBody<ReceiptRequest>();
        var input = new ReceiptInput(body.ReceivedOn, body.Amount, body.BankReference);
        Tranches.CheckReceipt(input, BusinessDate.InAmsterdam(clock.GetUtcNow())); // bad input never reaches storage
        var organisations = await StaffProjection.OrganisationsOfAsync(await store.TableAsync(cancellationToken), call.Caller, cancellationToken);
        return await TrancheWrites.CommitAsync(store, writes, call, clock, (_, tranche, now, yearClosed) =>
        {
            var confirmed = Tranches.ConfirmReceipt(tranche, input, organisations, BusinessDate.InAmsterdam(now), yearClosed);
            return new TrancheChange([confirmed], [], DisbursementEvents.OfReceipt(confirmed), confirmed);
        }, cancellationToken);
    }

    private sealed record ReceiptRequest(DateOnly? ReceivedOn, Money? Amount, string? BankReference);
}
