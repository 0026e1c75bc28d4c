using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// Every chain verifies (GET verify), and an auditor's check of the latest signed checkpoint holds: its signature, its
/// size and root against the journal, an inclusion proof of one entry and a consistency proof from an earlier size
/// (the entry and size chosen by the seed); and the completeness route finds every event each app announced in the
/// journal (issue 12 point 7).
/// </summary>
internal static class AuditChecks
{
    public static async Task RunAsync(FinalState state, SimClient client, Random random, Findings findings)
    {
        var keys = ((JArray)(await client.ReadAsync("audit/keys", Principals.Auditor))["keys"]!).OfType<JObject>().Select(AuditKey.FromJson).ToList();
        foreach (var (region, journal) in state.Journals.Where(j => j.Value.Count > 0))
        {
            var verify = await client.ReadAsync($"audit/regions/{region}/verify", Principals.Auditor);
            findings.Check((bool?)verify["valid"] == true && (long?)verify["entries"] == journal.Count, "chain-verifies",
                () => $"{region}: verify answered {verify.ToString(Newtonsoft.Json.Formatting.None)} for a journal of {journal.Count}");
            var checkpoint = Checkpoint.FromJson(await client.ReadAsync($"audit/regions/{region}/checkpoint", Principals.Auditor));
            var leaves = journal.OrderBy(e => (long)e["sequence"]!).Select(e => MerkleTree.JournalLeaf((string)e["hash"]!)).ToList();
            var root = MerkleTree.Root(leaves);
            findings.Check(CheckpointCheck.SignatureProblem(checkpoint, keys) is null, "proofs-verify",
                () => $"{region}: checkpoint signature: {CheckpointCheck.SignatureProblem(checkpoint, keys)}");
            findings.Check(checkpoint.TreeSize == journal.Count && checkpoint.RootHash == Convert.ToHexStringLower(root), "proofs-verify",
                () => $"{region}: the latest checkpoint covers {checkpoint.TreeSize} entries with root {checkpoint.RootHash}; the journal has {journal.Count} with root {Convert.ToHexStringLower(root)}");
            await ProofsAsync(region, leaves, root, client, random, findings);
            var completeness = await client.ReadAsync($"audit/regions/{region}/completeness", Principals.Auditor);
            // Every app announced after the last event was published, so each announced exactly what the journal holds of it.
            var apps = ((JArray)completeness["apps"]!).OfType<JObject>().ToList();
            findings.Check((bool?)completeness["complete"] == true && (long?)completeness["journalSize"] == journal.Count && apps.Count > 0
                && apps.All(a => (long?)a["unannounced"] == 0 && (long?)a["announced"] == (long?)a["journaled"]), "completeness",
                () => $"{region}: completeness answered {completeness.ToString(Newtonsoft.Json.Formatting.None)} for a journal of {journal.Count}");
        }
    }

    private static async Task ProofsAsync(string region, List<byte[]> leaves, byte[] root, SimClient client, Random random, Findings findings)
    {
        var size = leaves.Count;
        var sequence = 1 + random.Next(size);
        var inclusion = await client.ReadAsync($"audit/regions/{region}/proofs/inclusion?sequence={sequence}&treeSize={size}", Principals.Auditor);
        findings.Check(MerkleProofs.VerifyInclusion(sequence - 1, size, leaves[sequence - 1], Hashes(inclusion), root), "proofs-verify",
            () => $"{region}: the inclusion proof of entry {sequence} in {size} does not verify");
        var fromSize = 1 + random.Next(size);
        var consistency = await client.ReadAsync($"audit/regions/{region}/proofs/consistency?fromSize={fromSize}&toSize={size}", Principals.Auditor);
        findings.Check(MerkleProofs.VerifyConsistency(fromSize, size, MerkleTree.Root(leaves.Take(fromSize)), root, Hashes(consistency)), "proofs-verify",
            () => $"{region}: the consistency proof from {fromSize} to {size} does not verify");
    }

    private static List<byte[]> Hashes(JObject proof) => [.. ((JArray)proof["proof"]!).Select(h => Convert.FromHexString((string)h!))];
}
