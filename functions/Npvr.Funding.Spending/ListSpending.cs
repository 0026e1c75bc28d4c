using System.Text;
using Azure.Data.Tables;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /regions/{regionId}/spending?programmeId=&amp;year=&amp;category=&amp;from=&amp;to=: Auditor and Finance for
/// every region, a kassier for their own. Entries in bookedOn, then entryId order, paged; with Accept: text/csv the
/// whole filtered ledger as CSV in the import's columns (an export re-imports unchanged).
/// </summary>
public sealed class ListSpending(JournalStore journal, SpendingStore spending, ContinuationTokens tokens, TimeProvider clock) : HttpFunction
{
    /// <summary>
    /// The largest export answered in one response (about 30 MB of CSV, four full imports): the custom-handler protocol
    /// carries a response whole, so a larger ledger is exported per year or period.
    /// </summary>
    public const int MaxExportEntries = 200_000;

    public override string Name => nameof(ListSpending);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = SpendingRoutes.Region(call);
        var query = SpendingQuery.Parse(regionId, call.Request);
        var paging = tokens.Read(call.Request, query.Scope);
        var afterKey = SpendingQuery.AfterKey(paging);
        await SpendingAccess.RequireReaderAsync(call, await spending.TableAsync(cancellationToken), regionId, clock, cancellationToken);
        var table = await journal.TableAsync(cancellationToken);
        if (WantsCsv(call.Request)) return Respond(await ExportAsync(table, query, cancellationToken));

        var rows = new List<TableEntity>(paging.PageSize + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(query.Filter(afterKey), maxPerPage: paging.PageSize + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > paging.PageSize) break; // one more than a page tells whether another page follows
        }
        var page = rows.Take(paging.PageSize).ToList();
        var next = rows.Count > paging.PageSize ? tokens.Issue(page[^1].RowKey, query.Scope) : null;
        return Respond(HttpResult.Ok(new { regionId, items = page.Select(r => EntryView.From(LedgerRows.FromEntity(r))), continuationToken = next }));
    }

    private static bool WantsCsv(FunctionHttpRequest request) =>
        request.Header("Accept") is { } accept && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase);

    private static async Task<HttpResult> ExportAsync(TableClient table, SpendingQuery query, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        await using (var writer = new StringWriter(csv, System.Globalization.CultureInfo.InvariantCulture))
            await SpendingCsv.WriteAsync(writer, EntriesAsync(table, query, cancellationToken), cancellationToken);
        var file = query.Year is { } year ? $"spending-{query.RegionId}-{year}.csv" : $"spending-{query.RegionId}.csv";
        return HttpResult.Text(200, csv.ToString(), "text/csv; charset=utf-8") with
        {
            Headers = new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"{file}\"" },
        };
    }

    private static async IAsyncEnumerable<SpendingEntry> EntriesAsync(TableClient table, SpendingQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(query.Filter(null), maxPerPage: 1000, select: ["Entry"], cancellationToken: cancellationToken))
        {
            if (++count > MaxExportEntries)
                throw new ProblemException(Problem.BadRequest("export-too-large",
                    $"The filtered ledger holds more than {MaxExportEntries} entries; export it per year or period (from, to)."));
            yield return LedgerRows.EntryOf(row);
        }
    }
}
