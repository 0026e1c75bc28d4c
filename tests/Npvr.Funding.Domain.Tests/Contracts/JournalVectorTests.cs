using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class JournalVectorTests
{
    [Fact]
    public void The_published_genesis_hashes_hold()
    {
        foreach (var vector in JournalVectors.Section("genesis"))
            Assert.Equal((string)vector["hash"]!, JournalV2.Genesis((string)vector["regionId"]!).Hash);
    }

    [Fact]
    public void The_published_entries_hold_and_verify_as_a_chain()
    {
        var vectors = JournalVectors.Section("entries").ToList();
        var verifier = new ChainVerifier("achterhoek");
        foreach (var vector in vectors)
        {
            var head = new ChainHead((long)vector["sequence"]! - 1, (string)vector["previousHash"]!);
            var entry = JournalV2.Append((string)vector["regionId"]!, head, (string)vector["input"]!);
            Assert.Equal((string)vector["content"]!, entry.Content);
            Assert.Equal((string)vector["hash"]!, entry.Hash);
            verifier.Accept(entry);
        }
        Assert.True(verifier.Valid, verifier.FirstBrokenReason);
        Assert.Equal(3, verifier.Entries);
    }

    [Fact]
    public void The_published_merkle_roots_hold()
    {
        foreach (var vector in JournalVectors.Section("merkle"))
        {
            var size = (int)vector["size"]!;
            var leaves = Enumerable.Range(1, size).Select(i => MerkleTree.JournalLeaf(Npvr.Funding.Contracts.Hashing.Sha256Hex($"entry {i}")));
            Assert.Equal((string)vector["rootHash"]!, Convert.ToHexStringLower(MerkleTree.Root(leaves)));
        }
    }
}
