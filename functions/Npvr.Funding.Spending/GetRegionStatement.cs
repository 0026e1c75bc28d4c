using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /regions/{regionId}/statement?programmeId=&amp;year=: Auditor, Finance, and the region's kassier. The region-year
/// statement of issue 9, carriedOverIn chained from the programme's first year (also after its last year).
/// </summary>
public sealed class GetRegionStatement(JournalStore journal, SpendingStore spending, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(GetRegionStatement);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = SpendingRoutes.Region(call);
        var programmeId = QueryValues.ProgrammeId(call.Request.QueryValue("programmeId"), "programmeId");
        var year = QueryValues.Year(call.Request.QueryValue("year"));
        var projections = await spending.TableAsync(cancellationToken);
        await SpendingAccess.RequireReaderAsync(call, projections, regionId, clock, cancellationToken);
        var programme = await Statements.ProgrammeAsync(projections, programmeId, cancellationToken);
        if (!programme.Regions.Contains(regionId))
            throw new ProblemException(Problem.NotFound("region-not-in-programme", $"{regionId} does not take part in {programmeId}."));
        Statements.RequireYear(programme, year);
        var (statement, _, _) = await Statements.OfAsync(await journal.TableAsync(cancellationToken), programme, regionId, year, cancellationToken);
        return Respond(HttpResult.Ok(StatementView.From(statement)));
    }
}
