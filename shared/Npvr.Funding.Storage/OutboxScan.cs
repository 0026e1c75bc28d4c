using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Npvr.Funding.Storage;

/// <summary>
/// The scan discipline of the outbox timers (SweepOutbox, AnnouncePublications): each run reads at most
/// <paramref name="maxPages"/> pages of a filter from where its previous run stopped (a cursor per table), so its cost
/// does not grow with the table: a large table is crossed over several runs instead of rescanned every minute.
/// </summary>
internal sealed class OutboxScan(int rowsPerPage, int maxPages)
{
    private readonly ConcurrentDictionary<string, string?> _cursors = new(StringComparer.Ordinal);

    /// <summary>The pages of this run; the cursor moves past a page once the caller asks for the next one.</summary>
    public async IAsyncEnumerable<IReadOnlyList<TableEntity>> PagesAsync(string tableName, TableClient table, string filter, IEnumerable<string>? select,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = 0;
        var query = table.QueryAsync<TableEntity>(filter, maxPerPage: rowsPerPage, select: select, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(_cursors.GetValueOrDefault(tableName)))
        {
            yield return page.Values;
            // A null token means the scan reached the end: the next run starts again from the beginning.
            _cursors[tableName] = page.ContinuationToken;
            if (++pages >= maxPages) yield break;
        }
    }
}
