using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /regions/{regionId}/spending/imports/{importId}: who may read the region's spending. The job's status, its
/// progress (records written or found already recorded, of all records) and, once rejected or failed, every refused line.
/// </summary>
public sealed class GetSpendingImport(SpendingStore spending, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(GetSpendingImport);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = SpendingRoutes.Region(call);
        var importId = call.Request.Route("importId");
        var table = await spending.TableAsync(cancellationToken);
        await SpendingAccess.RequireReaderAsync(call, table, regionId, clock, cancellationToken);
        if (!ImportRows.IsValidId(importId) || await ImportRows.HeaderAsync(table, regionId, importId, cancellationToken) is not { } found)
            throw new ProblemException(Problem.NotFound("import-not-found", $"Region {regionId} has no import {importId}."));
        var (written, alreadyRecorded) = await ImportRows.ProgressAsync(table, regionId, importId, cancellationToken);
        var errors = found.Header.Status is ImportHeader.Rejected or ImportHeader.Failed
            ? await ImportRows.ProblemsAsync(table, regionId, importId, cancellationToken)
            : null;
        return Respond(HttpResult.Ok(ImportView.From(found.Header, written, alreadyRecorded, errors)));
    }
}
