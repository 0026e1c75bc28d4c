using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// GET /tranches?programmeId=&amp;year=&amp;regionId=&amp;status=: Finance and Auditor see every tranche, a kassier only
/// their own (others are left out, not refused). Paged in region-year and sequence order; a kassier's page may hold
/// fewer items than pageSize, and the continuation token goes on where the page stopped.
/// </summary>
public sealed class ListTranches(DisbursementStore store, ContinuationTokens tokens, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ListTranches);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        TrancheAccess.RequireReader(call);
        var filter = Filter(call.Request);
        // The filter text names the route's every filter: a token continues exactly the query that issued it.
        var scope = "tranches\n" + filter;
        var paging = tokens.Read(call.Request, scope);
        var table = await store.TableAsync(cancellationToken);
        var access = new TrancheAccess(table, call, clock);
        var items = new List<TrancheView>();
        string? next = null;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: paging.PageSize, cancellationToken: cancellationToken).AsPages(paging.Position, paging.PageSize))
        {
            foreach (var tranche in page.Values.Select(TrancheRows.FromEntity))
            {
                if (await access.MaySeeAsync(tranche, cancellationToken)) items.Add(TrancheView.From(tranche));
            }
            next = page.ContinuationToken is { } token ? tokens.Issue(token, scope) : null;
            break; // one Table page is one API page
        }
        return Respond(HttpResult.Ok(new { items, continuationToken = next }));
    }

    private static string Filter(FunctionHttpRequest request)
    {
        var programmeId = request.QueryValue("programmeId") is { } p ? DisbursementRoutes.ProgrammeId(p) : null;
        int? year = request.QueryValue("year") is { } y ? QueryValues.Year(y) : null;
        var regionId = request.QueryValue("regionId");
        if (regionId is not null && !Regions.Exists(regionId))
            throw new ProblemException(Problem.BadRequest("region-invalid", $"'{regionId}' is not a region id."));
        var status = request.QueryValue("status") is { } s
            ? TrancheNames.ParseStatus(s) ?? throw new ProblemException(Problem.BadRequest("status-invalid", "status is issued, received, discrepancy or voided."))
            : (TrancheStatus?)null;
        // The narrowest partition range the filters allow: programme, then year, then region are key parts.
        var prefix = "regionyear|" + (programmeId is null ? "" : programmeId + "|" + (year is null ? "" : $"{year}|" + (regionId is null ? "" : regionId)));
        var clauses = new List<string>
        {
            regionId is not null && year is not null && programmeId is not null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {prefix}")
                : TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}"),
            TableClient.CreateQueryFilter($"RowKey ge {TrancheRows.TranchePrefix + "|"} and RowKey lt {TrancheRows.TranchePrefix + "}"}"),
        };
        if (year is not null && programmeId is null) clauses.Add(TableClient.CreateQueryFilter($"Year eq {year.Value}"));
        if (regionId is not null && (programmeId is null || year is null)) clauses.Add(TableClient.CreateQueryFilter($"RegionId eq {regionId}"));
        if (status is { } st) clauses.Add(TableClient.CreateQueryFilter($"Status eq {TrancheNames.Of(st)}"));
        return string.Join(" and ", clauses);
    }
}
