using Azure.Data.Tables;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// The fingerprints of stored entries an import asks about. A region whose ledger is small next to the file is read
/// once in full (a range scan of ids and fingerprints); a larger one is asked id by id, a chunk at a time, so the cost
/// follows the smaller of the two.
/// </summary>
internal sealed class LedgerLookup
{
    /// <summary>Point reads in flight at once for one chunk: enough to hide round trips, few enough not to flood the partition.</summary>
    private const int ParallelReads = 16;

    private readonly TableClient _table;
    private readonly string _regionId;
    private readonly Dictionary<Guid, string>? _all;

    private LedgerLookup(TableClient table, string regionId, Dictionary<Guid, string>? all) => (_table, _regionId, _all) = (table, regionId, all);

    /// <summary>Scans the ledger when it holds at most twice the file's records (plus a margin); otherwise reads by id.</summary>
    public static async Task<LedgerLookup> CreateAsync(TableClient table, string regionId, int records, CancellationToken cancellationToken)
    {
        var limit = (2 * records) + 1000;
        var all = new Dictionary<Guid, string>();
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {regionId}")} and {RowKeys.RangeFilter(LedgerRows.ByIdPrefix)}";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Fingerprint"], cancellationToken: cancellationToken))
        {
            if (all.Count >= limit) return new LedgerLookup(table, regionId, null);
            all[Guid.Parse(row.RowKey.AsSpan(LedgerRows.ByIdPrefix.Length))] = row.GetString("Fingerprint") ?? "";
        }
        return new LedgerLookup(table, regionId, all);
    }

    /// <summary>The fingerprint stored under each id, or null where none is.</summary>
    public async Task<Dictionary<Guid, string?>> FingerprintsAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken cancellationToken)
    {
        if (_all is not null) return entryIds.Distinct().ToDictionary(id => id, id => _all.GetValueOrDefault(id));
        var found = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string?>();
        await Parallel.ForEachAsync(entryIds.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (id, ct) => found[id] = (await LedgerRows.FingerprintAsync(_table, _regionId, id, ct))?.Fingerprint);
        return new Dictionary<Guid, string?>(found);
    }
}
