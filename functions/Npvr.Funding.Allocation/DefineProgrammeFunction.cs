using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Allocation;

/// <summary>
/// PUT /programmes/{programmeId}: Funding.Finance only. Defines a programme once; the same definition again is a
/// no-op, a different one is refused (allocations were computed from it).
/// </summary>
public sealed class DefineProgrammeFunction(AllocationStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public override string Name => "DefineProgramme";

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance);
        var id = ProgrammeRoutes.ProgrammeId(call);
        var body = call.ReadBody<DefineProgrammeRequest>();
        var programme = Programmes.Define(new DefineProgramme(id, body.Name, body.Instrument, body.Fund, body.Years, body.Regions, body.GrossPerRegionPerYear));
        var table = await store.TableAsync(cancellationToken);
        var partition = AllocationStore.ProgrammePartition(id);
        return await writes.CommitAsync(table, partition, call, async ct =>
        {
            var view = ProgrammeView(programme);
            var existing = await AllocationStore.ProgrammeAsync(table, id, ct);
            if (existing is not null)
            {
                return existing.SameAs(programme)
                    ? new WritePlan(new PartitionWrite(partition), [], HttpResult.Ok(view))
                    : throw new DomainException(DomainError.Conflict("programme-already-defined", $"Programme {id} is already defined differently; its allocations depend on it."));
            }
            var defined = EventEnvelope.Create(EventTypes.ProgrammeDefined, view, clock.GetUtcNow(), null, id, call.CorrelationId, call.InvocationId, call.Actor);
            return new WritePlan(new PartitionWrite(partition).Insert(ProgrammeRows.ToEntity(programme)), [defined], HttpResult.Json(201, view));
        }, cancellationToken);
    }

    public static ProgrammeDefined ProgrammeView(Programme p) =>
        new(p.ProgrammeId, p.Name, p.Instrument, p.Fund, p.Years, p.Regions, p.GrossPerRegionPerYear);

    private sealed record DefineProgrammeRequest(string? Name, string? Instrument, string? Fund, List<int>? Years, List<string>? Regions, Money? GrossPerRegionPerYear);
}
