using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/verify: Funding.Auditor only. Recomputes the whole chain and its Merkle tree from the
/// stored rows and checks them against the recorded head.
/// </summary>
public sealed class VerifyJournal(JournalStore store) : HttpFunction
{
    /// <summary>A chain longer than this is refused rather than walked for minutes inside one HTTP call.</summary>
    public const long MaxEntries = 1_000_000;
    private const int PageSize = 1000;

    public override string Name => nameof(VerifyJournal);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var table = await store.TableAsync(cancellationToken);
        var walk = new JournalWalk(regionId);
        long from = 1;
        while (walk.Chain.Entries < MaxEntries)
        {
            var page = await JournalStore.EntriesAsync(table, regionId, from, PageSize, cancellationToken);
            foreach (var entry in page) walk.Accept(entry);
            if (page.Count < PageSize) break;
            from = page[^1].Sequence + 1; // by stored key, so a removed row cannot make the walk skip or repeat
        }
        var (recorded, _) = await JournalStore.HeadAsync(table, regionId, cancellationToken);
        walk.Chain.AcceptRecordedHead(recorded);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            valid = walk.Chain.Valid,
            entries = walk.Chain.Entries,
            headHash = walk.Chain.HeadHash,
            rootHash = Convert.ToHexStringLower(walk.Root()),
            firstBrokenSequence = walk.Chain.FirstBrokenSequence,
            reason = walk.Chain.FirstBrokenReason,
        }));
    }
}
