using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/proofs/inclusion?sequence=&amp;treeSize=: Funding.Auditor only. The RFC 9162 inclusion
/// proof of entry <c>sequence</c> (leaf index sequence - 1) in the tree of the first <c>treeSize</c> entries, with the
/// entry's hash and that tree's root, read in O(log n) point reads.
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
        await ProofQuery.RequireTreeAsync(table, regionId, treeSize, cancellationToken);
        var path = MerkleProofs.InclusionPath(sequence - 1, treeSize);
        var hashes = await JournalTree.NodeHashesAsync(table, regionId, [.. path, new SubtreeRange(0, treeSize), new SubtreeRange(sequence - 1, sequence)], cancellationToken);
        var entry = await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(regionId, JournalStore.EntryKey(sequence), select: ["Hash"], cancellationToken: cancellationToken);
        return Respond(HttpResult.Ok(new
        {
            regionId,
            sequence,
            treeSize,
            leafIndex = sequence - 1,
            entryHash = entry.Value.GetString("Hash"),
            leafHash = Convert.ToHexStringLower(hashes[^1]),
            rootHash = Convert.ToHexStringLower(hashes[^2]),
            proof = hashes.Take(path.Count).Select(Convert.ToHexStringLower),
        }));
    }
}
