using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Allocation;

/// <summary>
/// GET /programmes/{programmeId}/allocations?year=: any signed-in role. Every region-year of the programme, the
/// untouched ones awaiting their estimate. A programme has at most 30 years x 11 regions, within one page.
/// </summary>
public sealed class ListAllocations(AllocationStore store) : HttpFunction
{
    public override string Name => nameof(ListAllocations);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var id = ProgrammeRoutes.ProgrammeId(call);
        Paging.SinglePage(call.Request);
        int? year = call.Request.QueryValue("year") is { } text ? QueryValues.Year(text) : null;
        var table = await store.TableAsync(cancellationToken);
        var programme = await AllocationStore.ProgrammeAsync(table, id, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("programme-not-found", $"There is no programme '{id}'."));
        var touched = await AllocationStore.AllocationsAsync(table, id, cancellationToken);
        var items = programme.Years.Where(y => year is null || y == year)
            .SelectMany(y => programme.Regions.Select(r =>
                AllocationView.From(r, y, touched.GetValueOrDefault((y, r)) ?? AllocationState.Initial(programme.GrossPerRegionPerYear))))
            .ToList();
        return Respond(HttpResult.Ok(new { programmeId = id, items, continuationToken = (string?)null }));
    }
}
