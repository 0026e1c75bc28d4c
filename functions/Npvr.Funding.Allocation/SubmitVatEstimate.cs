using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// PUT /programmes/{programmeId}/years/{year}/regions/{regionId}/vat-estimate: the kassier of that region, or
/// Funding.Finance. Determines the allocation (gross - estimate) and announces AllocationDetermined with a new version.
/// </summary>
public sealed class SubmitVatEstimate(AllocationStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(SubmitVatEstimate);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier, Roles.Finance);
        var id = ProgrammeRoutes.ProgrammeId(call);
        var year = QueryValues.Year(call.Request.Route("year"));
        var regionId = call.Request.Route("regionId");
        var body = call.ReadBody<EstimateRequest>();
        var input = new VatEstimate(body.CompensableVat, body.VatBearingSpend, body.VatRatePercent);
        Allocations.EstimateOf(input); // refuse malformed estimates before reading anything
        var table = await store.TableAsync(cancellationToken);
        var programme = await AllocationStore.ProgrammeAsync(table, id, cancellationToken)
            ?? throw new DomainException(DomainError.Invalid("unknown-programme", $"There is no programme '{id}'."));
        if (!Regions.Exists(regionId)) throw new DomainException(DomainError.Invalid("unknown-region", $"There is no region '{regionId}'."));
        await EnsureMayEstimateAsync(call, table, regionId, cancellationToken);
        if (await ClosedYearRows.IsClosedAsync(table, id, year, cancellationToken))
            throw new DomainException(DomainError.Conflict("year-closed", $"{id} {year} is closed and sealed; its estimates can no longer change."));
        var partition = AllocationStore.AllocationPartition(id, year, regionId);
        return await writes.CommitAsync(table, partition, call, async ct =>
        {
            var (current, etag) = await AllocationStore.AllocationAsync(table, programme, year, regionId, ct);
            var next = Allocations.Determine(programme, year, regionId, current, input);
            var determined = new AllocationDetermined(id, year, regionId, next.Gross, next.CompensableVatEstimate!.Value, next.NetDu, next.BcfDeposit, next.Version);
            var envelope = EventEnvelope.Create(EventTypes.AllocationDetermined, determined, clock.GetUtcNow(), regionId, id, call.CorrelationId, call.InvocationId, call.Actor);
            var write = new PartitionWrite(partition).Replace(AllocationStore.AllocationEntity(partition, next), etag);
            return new WritePlan(write, [envelope], HttpResult.Ok(AllocationView.From(regionId, year, next)));
        }, cancellationToken);
    }

    private async Task EnsureMayEstimateAsync(HttpCall call, TableClient table, string regionId, CancellationToken cancellationToken)
    {
        if (call.Caller.IsInRole(Roles.Finance)) return;
        var today = Npvr.Funding.Domain.Spending.BusinessDate.InAmsterdam(clock.GetUtcNow());
        var kassier = await KassierProjection.InForceAsync(table, regionId, today, cancellationToken);
        RegionAccess.EnsureKassierOf(regionId, kassier, await StaffProjection.OrganisationsOfAsync(table, call.Caller, cancellationToken));
    }

    private sealed record EstimateRequest(Money? CompensableVat, Money? VatBearingSpend, decimal? VatRatePercent);
}
