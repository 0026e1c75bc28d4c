using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/verify: Funding.Auditor only. Recomputes the whole chain and its Merkle tree from the
/// stored rows, checks them against the recorded head and against every checkpoint held outside the journal table
/// (issue 12): a journal rewritten consistently, or cut short with its head rewritten, differs from what was signed.
/// A root that differs from a checkpoint's is reported at the first entry after the last checkpoint that still holds.
/// The personal values kept beside the entries are checked against their digests too (erased ones hold nothing).
/// </summary>
public sealed class VerifyJournal(JournalStore store, CheckpointArchive archive) : HttpFunction
{
    /// <summary>A chain longer than this is refused rather than walked for minutes inside one HTTP call.</summary>
    public const long MaxEntries = 1_000_000;

    /// <summary>At most one checkpoint is signed per link pass, so never more than entries.</summary>
    private const int MaxCheckpoints = (int)MaxEntries;

    private const int PageSize = 1000;

    public override string Name => nameof(VerifyJournal);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var table = await store.TableAsync(cancellationToken);
        var signed = new SignedSizes(await archive.AllAsync(regionId, MaxCheckpoints, cancellationToken));
        var walk = new JournalWalk(regionId);
        long from = 1;
        while (walk.Chain.Entries < MaxEntries)
        {
            var page = await JournalStore.StoredEntriesAsync(table, regionId, from, PageSize, cancellationToken);
            foreach (var stored in page)
            {
                walk.Accept(stored.Entry);
                signed.Compare(walk);
                // The values kept beside an entry are not hashed; each must still hash to the digest its content holds.
                if (PersonalDataCheck.Problem(stored.Entry.Content, stored.PersonalData) is { } problem) walk.Chain.Break(stored.Entry.Sequence, problem);
            }
            if (page.Count < PageSize) break;
            from = page[^1].Entry.Sequence + 1; // by stored key, so a removed row cannot make the walk skip or repeat
        }
        signed.CompareEnd(walk);
        var (recorded, _) = await JournalStore.HeadAsync(table, regionId, cancellationToken);
        walk.Chain.AcceptRecordedHead(recorded);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            valid = walk.Chain.Valid,
            entries = walk.Chain.Entries,
            headHash = walk.Chain.HeadHash,
            rootHash = Convert.ToHexStringLower(walk.Root()),
            checkpoints = signed.Compared,
            firstBrokenSequence = walk.Chain.FirstBrokenSequence,
            reason = walk.Chain.FirstBrokenReason,
        }));
    }
}

/// <summary>The (treeSize, rootHash) of every stored checkpoint, smallest first, compared as a walk passes each size.</summary>
internal sealed class SignedSizes(List<(long TreeSize, string RootHash)> checkpoints)
{
    private int _next;
    private long _lastHeld;

    public int Compared => _next;

    public void Compare(JournalWalk walk)
    {
        // Bounded by the checkpoints: each is passed once.
        while (_next < checkpoints.Count && checkpoints[_next].TreeSize <= walk.TreeSize)
        {
            var (size, root) = checkpoints[_next++];
            if (size < walk.TreeSize) continue; // a size the walk jumped (cannot happen: it grows by one)
            if (Convert.ToHexStringLower(walk.Root()) == root) _lastHeld = size;
            else walk.Chain.Break(_lastHeld + 1, $"the entries up to {size} do not give the root of the signed checkpoint of size {size}");
        }
    }

    public void CompareEnd(JournalWalk walk)
    {
        if (_next < checkpoints.Count)
            walk.Chain.Break(walk.TreeSize + 1, $"a checkpoint of size {checkpoints[^1].TreeSize} was signed; {walk.TreeSize} entries are stored");
    }
}
