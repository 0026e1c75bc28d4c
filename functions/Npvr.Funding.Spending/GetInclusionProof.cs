using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/proofs/inclusion?sequence=&amp;treeSize=: Funding.Auditor only. The RFC 9162 inclusion
/// proof of entry <c>sequence</c> (leaf index sequence - 1) in the tree of the first <c>treeSize</c> entries, with the
/// entry's hash and that tree's root. One wave of point reads beside the head: the entry's row (its Hash and leaf) and
/// one row per complete part of each path node, less the parts the head's frontier holds when treeSize is the head's
/// (about 17 reads at 100,000 entries). The root is the head's then, else folded from the leaf and the path.
/// </summary>
public sealed class GetInclusionProof(JournalStore store) : HttpFunction
{
    public override string Name => nameof(GetInclusionProof);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var sequence = ProofQuery.Size(call, "sequence");
        var treeSize = ProofQuery.Size(call, "treeSize");
        if (sequence > treeSize) throw new ProblemException(Problem.BadRequest("sequence-invalid", "sequence is at most treeSize."));
        var table = await store.TableAsync(cancellationToken);
        var path = MerkleProofs.InclusionPath(sequence - 1, treeSize);
        var leaf = new SubtreeRange(sequence - 1, sequence);
        var read = await JournalTree.ProofAsync(table, regionId, treeSize, [.. path, leaf], sequence, cancellationToken);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            sequence,
            treeSize,
            leafIndex = sequence - 1,
            entryHash = read.EntryHash ?? throw new InvalidOperationException($"Journal of {regionId}: entry {sequence} has no Hash."),
            leafHash = Convert.ToHexStringLower(read.Hashes[leaf]),
            rootHash = Convert.ToHexStringLower(read.Root),
            proof = path.Select(node => Convert.ToHexStringLower(read.Hashes[node])),
        }));
    }
}
