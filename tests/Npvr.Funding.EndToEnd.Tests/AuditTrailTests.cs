using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.AuditWorld;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 12 end to end: every linked journal is signed as a checkpoint held outside the journal table; auditors check
/// the signature, inclusion and consistency proofs; and each way of tampering with the table is found at its entry.
/// </summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task The_signed_checkpoint_covers_the_journal_and_its_proofs_verify()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");

        var journal = await SpendingSetup.WholeJournalAsync(system, "achterhoek");
        var checkpoint = await CheckpointAsync(system, "achterhoek");
        var keys = await KeysAsync(system);

        Assert.Equal(3, journal.Count);
        Assert.All(journal, e => Assert.Equal(2, (int)e["format"]!));
        Assert.All(journal, e => Assert.Equal((string)e["content"]!, JsonCanonicalization.Canonicalize(e["entry"]!.ToString())));
        Assert.Equal(3, checkpoint.TreeSize);
        Assert.Null(CheckpointCheck.SignatureProblem(checkpoint, keys));
        var root = MerkleTree.Root(journal.Select(e => MerkleTree.JournalLeaf((string)e["hash"]!)));
        Assert.Equal(Convert.ToHexStringLower(root), checkpoint.RootHash);
        foreach (var entry in journal)
        {
            var sequence = (long)entry["sequence"]!;
            var proof = (await system.Api.GetAsync($"audit/regions/achterhoek/proofs/inclusion?sequence={sequence}&treeSize=3", Principals.Auditor)).Json;
            Assert.Equal((string)entry["hash"]!, (string)proof["entryHash"]!);
            Assert.Equal(Convert.ToHexStringLower(root), (string)proof["rootHash"]!);
            Assert.True(MerkleProofs.VerifyInclusion(sequence - 1, 3, MerkleTree.JournalLeaf((string)entry["hash"]!), Hashes(proof), root), $"entry {sequence}");
        }
        for (var fromSize = 1; fromSize <= 3; fromSize++)
        {
            var proof = (await system.Api.GetAsync($"audit/regions/achterhoek/proofs/consistency?fromSize={fromSize}&toSize=3", Principals.Auditor)).Json;
            var fromRoot = MerkleTree.Root(journal.Take(fromSize).Select(e => MerkleTree.JournalLeaf((string)e["hash"]!)));
            Assert.True(MerkleProofs.VerifyConsistency(fromSize, 3, fromRoot, root, Hashes(proof)), $"{fromSize} to 3");
        }
        var verify = await VerifyAsync(system, "achterhoek");
        Assert.True((bool)verify["valid"]!, verify.ToString());
        Assert.Equal(3, (int)verify["checkpoints"]!);
    }

    [Fact]
    public async Task Every_proof_of_every_tree_size_names_the_true_roots_and_leads_to_them()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");
        // 13 entries: tree sizes of every shape (powers of two, odd, several frontier parts), smaller than the head's or its own.
        var entries = Enumerable.Range(1, 13).Select(i => new JournalEntry(i, "", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), "{}", 2)).ToList();
        Rewrite(system, "achterhoek", entries);
        var leaves = entries.Select(e => MerkleTree.JournalLeaf(e.Hash)).ToList();

        for (var treeSize = 1; treeSize <= entries.Count; treeSize++)
        {
            var root = MerkleTree.Root(leaves.Take(treeSize));
            for (var sequence = 1; sequence <= treeSize; sequence++)
            {
                var proof = (await system.Api.GetAsync($"audit/regions/achterhoek/proofs/inclusion?sequence={sequence}&treeSize={treeSize}", Principals.Auditor)).Json;
                Assert.Equal(entries[sequence - 1].Hash, (string)proof["entryHash"]!);
                Assert.Equal(Convert.ToHexStringLower(leaves[sequence - 1]), (string)proof["leafHash"]!);
                Assert.Equal(Convert.ToHexStringLower(root), (string)proof["rootHash"]!);
                Assert.True(MerkleProofs.VerifyInclusion(sequence - 1, treeSize, leaves[sequence - 1], Hashes(proof), root), $"entry {sequence} of {treeSize}");
            }
            for (var fromSize = 1; fromSize <= treeSize; fromSize++)
            {
                var proof = (await system.Api.GetAsync($"audit/regions/achterhoek/proofs/consistency?fromSize={fromSize}&toSize={treeSize}", Principals.Auditor)).Json;
                var fromRoot = MerkleTree.Root(leaves.Take(fromSize));
                Assert.Equal(Convert.ToHexStringLower(fromRoot), (string)proof["fromRootHash"]!);
                Assert.Equal(Convert.ToHexStringLower(root), (string)proof["toRootHash"]!);
                Assert.True(MerkleProofs.VerifyConsistency(fromSize, treeSize, fromRoot, root, Hashes(proof)), $"{fromSize} to {treeSize}");
            }
        }
    }

    [Theory]
    [InlineData("proofs/inclusion?sequence=4&treeSize=3", 400, "sequence-invalid")]
    [InlineData("proofs/inclusion?sequence=1", 400, "tree-size-invalid")]
    [InlineData("proofs/inclusion?sequence=1&treeSize=4", 404, "tree-size-beyond-journal")]
    [InlineData("proofs/consistency?fromSize=3&toSize=2", 400, "tree-size-invalid")]
    [InlineData("proofs/consistency?fromSize=0&toSize=2", 400, "tree-size-invalid")]
    [InlineData("proofs/consistency?fromSize=1&toSize=9", 404, "tree-size-beyond-journal")]
    public async Task A_proof_of_a_tree_the_journal_does_not_hold_is_refused(string query, int status, string type)
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");

        var response = await system.Api.GetAsync($"audit/regions/achterhoek/{query}", Principals.Auditor);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(type, (string?)response.Json["type"]);
    }

    [Fact]
    public async Task Only_auditors_read_keys_checkpoints_and_proofs_and_an_empty_journal_has_no_checkpoint()
    {
        await using var system = await TestSystem.StartAsync();

        foreach (var path in new[] { "audit/keys", "audit/regions/twente/checkpoint", "audit/regions/twente/proofs/inclusion?sequence=1&treeSize=1" })
            Assert.Equal(HttpStatusCode.Forbidden, (await system.Api.GetAsync(path, Principals.Finance)).Status);
        var none = await system.Api.GetAsync("audit/regions/twente/checkpoint", Principals.Auditor);
        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal("checkpoint-not-found", (string?)none.Json["type"]);
    }

    [Fact]
    public async Task One_byte_of_content_changed_is_found_at_its_entry()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");
        var row = EntryRows(system, "achterhoek")[1];
        row["Content"] = row.GetString("Content").Replace("Gemeente Doetinchem", "Gemeente Doetinchen", StringComparison.Ordinal);
        system.Table("Journal").UpdateEntity(row, row.ETag);

        var verify = await VerifyAsync(system, "achterhoek");

        Assert.False((bool)verify["valid"]!);
        Assert.Equal(2, (long)verify["firstBrokenSequence"]!);
    }

    [Fact]
    public async Task Two_entries_reordered_are_found_at_the_first_of_them()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");
        var rows = EntryRows(system, "achterhoek");
        var (second, third) = (EntryOf(rows[1]), EntryOf(rows[2]));
        Rewrite(system, "achterhoek", [EntryOf(rows[0]), third with { Sequence = 2 }, second with { Sequence = 3 }]);

        var verify = await VerifyAsync(system, "achterhoek");

        Assert.False((bool)verify["valid"]!);
        Assert.Equal(2, (long)verify["firstBrokenSequence"]!);
    }

    [Fact]
    public async Task A_truncated_tail_with_a_rewritten_head_is_found_by_the_checkpoint_and_the_next_checkpoint_raises_an_alarm()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");
        var signed = await CheckpointAsync(system, "achterhoek");
        Rewrite(system, "achterhoek", [.. EntryRows(system, "achterhoek").Take(2).Select(EntryOf)]);

        var verify = await VerifyAsync(system, "achterhoek");
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(3, (long)verify["firstBrokenSequence"]!);
        Assert.Contains("checkpoint of size 3", (string?)verify["reason"], StringComparison.Ordinal);

        // The next event is linked as entry 3 again: the tree of 3 then contradicts the signed one, which stays.
        await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem("2027-06-01"));
        await system.IdleAsync();
        var answer = await system.Api.GetAsync("audit/regions/achterhoek/checkpoint", Principals.Auditor);
        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("journal-contradicts-checkpoint", (string?)answer.Json["type"]);
        Assert.Equal(signed.ToJson().ToString(), Exact(answer)["checkpoint"]!.ToString());
    }

    [Fact]
    public async Task A_chain_copied_from_another_region_is_found_at_its_first_entry()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "twente");
        var table = system.Table("Journal");
        foreach (var row in EntryRows(system, "twente").Append(HeadRow(system, "twente")))
            table.UpsertEntity(new Azure.Data.Tables.TableEntity(row) { PartitionKey = "achterhoek" });

        var verify = await VerifyAsync(system, "achterhoek");

        Assert.True((bool)(await VerifyAsync(system, "twente"))["valid"]!);
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(1, (long)verify["firstBrokenSequence"]!);
    }

    [Fact]
    public async Task A_whole_journal_replaced_by_a_self_consistent_forgery_is_found_by_the_checkpoint_held_outside()
    {
        await using var system = await TestSystem.StartAsync();
        await DesignateEachYearAsync(system, "achterhoek");
        var forged = new List<JournalEntry>();
        var head = JournalV2.Genesis("achterhoek");
        foreach (var row in EntryRows(system, "achterhoek"))
        {
            var envelope = (JObject)JToken.Parse(row.GetString("Content"));
            envelope["data"]!["organisationName"] = "Gemeente Elders";
            var entry = JournalV2.Append("achterhoek", head, envelope.ToString());
            forged.Add(entry);
            head = new ChainHead(entry.Sequence, entry.Hash);
        }
        Rewrite(system, "achterhoek", forged);

        var verify = await VerifyAsync(system, "achterhoek");

        Assert.False((bool)verify["valid"]!);
        Assert.Equal(1, (long)verify["firstBrokenSequence"]!);
        Assert.Contains("signed checkpoint", (string?)verify["reason"], StringComparison.Ordinal);
        // Without the checkpoints the forgery is a valid chain: only what is held outside finds it.
        var walk = new JournalWalk("achterhoek");
        forged.ForEach(walk.Accept);
        Assert.True(walk.Chain.Valid);
    }

    private static List<byte[]> Hashes(JObject proof) => [.. ((JArray)proof["proof"]!).Select(h => Convert.FromHexString((string)h!))];
}
