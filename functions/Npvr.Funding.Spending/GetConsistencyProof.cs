using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/proofs/consistency?fromSize=&amp;toSize=: Funding.Auditor only. The RFC 9162 consistency
/// proof that the tree of the first <c>toSize</c> entries extends the tree of the first <c>fromSize</c> without
/// rewriting it, with both roots, read in O(log n) point reads.
/// </summary>
public sealed class GetConsistencyProof(JournalStore store) : HttpFunction
{
    public override string Name => nameof(GetConsistencyProof);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var fromSize = ProofQuery.Size(call, "fromSize");
        var toSize = ProofQuery.Size(call, "toSize");
        if (fromSize > toSize) throw new ProblemException(Problem.BadRequest("tree-size-invalid", "fromSize is at most toSize."));
        var table = await store.TableAsync(cancellationToken);
        await ProofQuery.RequireTreeAsync(table, regionId, toSize, cancellationToken);
        var path = MerkleProofs.ConsistencyPath(fromSize, toSize);
        var hashes = await JournalTree.NodeHashesAsync(table, regionId, [.. path, new SubtreeRange(0, fromSize), new SubtreeRange(0, toSize)], cancellationToken);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            fromSize,
            toSize,
            fromRootHash = Convert.ToHexStringLower(hashes[^2]),
            toRootHash = Convert.ToHexStringLower(hashes[^1]),
            proof = hashes.Take(path.Count).Select(Convert.ToHexStringLower),
        }));
    }
}

/// <summary>The query values of the proof routes.</summary>
internal static class ProofQuery
{
    /// <summary>A tree size or sequence: a whole number from 1, at most 12 digits (the journal's key width).</summary>
    public static long Size(HttpCall call, string name)
    {
        var text = call.Request.QueryValue(name)
            ?? throw new ProblemException(Problem.BadRequest(TypeOf(name), $"{name} is required: a whole number, 1 or more."));
        return QueryValues.TryParseWholeNumber(text, 12, out var value) && value >= 1
            ? value
            : throw new ProblemException(Problem.BadRequest(TypeOf(name), $"{name} is a whole number, 1 or more."));
    }

    /// <summary>A proof is of a tree the journal holds: 404 tree-size-beyond-journal past its head.</summary>
    public static async Task RequireTreeAsync(Azure.Data.Tables.TableClient table, string regionId, long treeSize, CancellationToken cancellationToken)
    {
        var head = await JournalStore.ReadHeadAsync(table, regionId, cancellationToken);
        if (head.Frontier is null || head.Frontier.Size < treeSize)
            throw new ProblemException(Problem.NotFound("tree-size-beyond-journal",
                $"The journal of {regionId} holds {head.Frontier?.Size ?? 0} entries in its tree; ask for a tree of at most that size."));
    }

    private static string TypeOf(string name) => name == "sequence" ? "sequence-invalid" : "tree-size-invalid";
}
