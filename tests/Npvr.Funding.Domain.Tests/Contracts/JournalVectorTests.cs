using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;

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
            // The journal's intake: the same content, and the personal values it keeps beside the entry.
            var (content, kept) = ReceivedEnvelope.Split((string)vector["input"]!);
            Assert.Equal(entry.Content, content);
            var published = ((JArray)vector["personalData"]!).OfType<JObject>().ToList();
            Assert.Equal(published.Select(p => ((string)p["path"]!, (string)p["salt"]!, (string)p["value"]!)), kept.Select(k => (k.Path, k.Salt!, k.Value!)));
            Assert.Null(PersonalDataCheck.Problem(content, kept));
            Assert.All(kept, k => Assert.DoesNotContain(k.Value!, content, StringComparison.Ordinal));
        }
        Assert.True(verifier.Valid, verifier.FirstBrokenReason);
        Assert.Equal(3, verifier.Entries);
    }

    [Fact]
    public void The_published_personal_digests_hold()
    {
        var vectors = JournalVectors.Section("personalData").ToList();
        Assert.True(vectors.Count >= 3);
        foreach (var vector in vectors)
        {
            var digest = PersonalDigest.Of((string)vector["salt"]!, (string)vector["value"]!);
            Assert.True((string)vector["digest"]! == digest, $"{vector["name"]}: {digest}");
            Assert.True(PersonalDigest.IsDigest(digest));
        }
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
