using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/proofs/consistency?fromSize=&amp;toSize=: Funding.Auditor only. The RFC 9162 consistency
/// proof that the tree of the first <c>toSize</c> entries extends the tree of the first <c>fromSize</c> without
/// rewriting it, with both roots. One wave of point reads beside the head, one row per complete part of each path node
/// (less the parts the head's frontier holds when toSize is the head's). The path partitions both trees, except that
/// a power-of-two fromSize (or fromSize = toSize) also reads the tree of fromSize; each root is folded from those nodes,
/// the to-root taken from the head when toSize is the head's.
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
        var path = MerkleProofs.ConsistencyPath(fromSize, toSize);
        var fromTree = new SubtreeRange(0, fromSize);
        // The path holds the old tree's nodes but for the tree itself when it is complete (RFC 9162 section 2.1.4.1).
        SubtreeRange[] nodes = long.IsPow2(fromSize) || fromSize == toSize ? [.. path, fromTree] : [.. path];
        var read = await JournalTree.ProofAsync(table, regionId, toSize, nodes, null, cancellationToken);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            fromSize,
            toSize,
            fromRootHash = Convert.ToHexStringLower(JournalTree.Compose(fromTree, read.Hashes)),
            toRootHash = Convert.ToHexStringLower(read.Root),
            proof = path.Select(node => Convert.ToHexStringLower(read.Hashes[node])),
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

    /// <summary>A proof is of a tree the journal holds: 404 tree-size-beyond-journal past its head; else the head's frontier.</summary>
    public static MerkleFrontier RequireTree(JournalHead head, string regionId, long treeSize) =>
        head.Frontier is { } frontier && frontier.Size >= treeSize
            ? frontier
            : throw new ProblemException(Problem.NotFound("tree-size-beyond-journal",
                $"The journal of {regionId} holds {head.Frontier?.Size ?? 0} entries in its tree; ask for a tree of at most that size."));

    private static string TypeOf(string name) => name == "sequence" ? "sequence-invalid" : "tree-size-invalid";
}
