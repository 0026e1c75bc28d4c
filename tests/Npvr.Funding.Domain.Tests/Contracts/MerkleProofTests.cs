using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class MerkleProofTests
{
    public static TheoryData<int> Sizes => [1, 2, 3, 1000, 1001];

    /// <summary>A log of <paramref name="size"/> leaves; <paramref name="fork"/> changes every leaf from that index on.</summary>
    private static byte[][] Leaves(int size, int fork = int.MaxValue, string forkName = "fork") =>
        [.. Enumerable.Range(0, size).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(i >= fork ? $"{forkName} {i}" : $"leaf {i}")))];

    /// <summary>RFC 9162 section 2.1.1 written out recursively, independent of the frontier and of the proofs.</summary>
    private static byte[] Mth(byte[][] leaves, long start, long end)
    {
        if (end == start) return SHA256.HashData([]);
        if (end - start == 1) return leaves[start];
        var k = 1L;
        while (k * 2 < end - start) k *= 2;
        return MerkleTree.NodeHash(Mth(leaves, start, start + k), Mth(leaves, start + k, end));
    }

    /// <summary>What the journal store does: one hash per complete aligned subtree (here computed, there read).</summary>
    private static Func<SubtreeRange, byte[]> Store(byte[][] leaves)
    {
        var memo = new Dictionary<SubtreeRange, byte[]>();
        return range =>
        {
            Assert.True(range.IsComplete, $"[{range.Start}, {range.End}) is not complete");
            if (!memo.TryGetValue(range, out var hash)) memo[range] = hash = Mth(leaves, range.Start, range.End);
            return hash;
        };
    }

    private static List<byte[]> Proof(IReadOnlyList<SubtreeRange> path, Func<SubtreeRange, byte[]> store) =>
        [.. path.Select(node => MerkleProofs.NodeHash(node, store))];

    private static List<byte[]> InclusionProof(byte[][] leaves, long index, long size) => Proof(MerkleProofs.InclusionPath(index, size), Store(leaves));

    private static List<byte[]> ConsistencyProof(byte[][] leaves, long fromSize, long toSize) => Proof(MerkleProofs.ConsistencyPath(fromSize, toSize), Store(leaves));

    [Fact]
    public void The_frontier_root_is_the_rfc_9162_root_at_every_size()
    {
        var leaves = Leaves(1001);
        var frontier = MerkleFrontier.Empty;
        Assert.Equal(SHA256.HashData([]), frontier.Root());
        for (var size = 1; size <= leaves.Length; size++)
        {
            frontier = frontier.Append(leaves[size - 1], out var completed);
            if (size <= 70 || size >= 999) Assert.Equal(Mth(leaves, 0, size), frontier.Root());
            // The subtrees completed by leaf `size` are the aligned ones ending at it, one per trailing zero bit and the leaf.
            Assert.Equal(System.Numerics.BitOperations.TrailingZeroCount(size) + 1, completed.Count);
            for (var level = 0; level < completed.Count; level++) Assert.Equal(Mth(leaves, size - (1L << level), size), completed[level]);
        }
    }

    [Fact]
    public void A_stored_frontier_reads_back_and_goes_on_as_before()
    {
        var leaves = Leaves(13);
        var frontier = MerkleFrontier.Empty;
        foreach (var leaf in leaves.Take(12)) frontier = frontier.Append(leaf, out _);
        var stored = MerkleFrontier.Parse(12, frontier.ToText());
        Assert.Equal(frontier.Root(), stored.Root());
        Assert.Equal(Mth(leaves, 0, 13), stored.Append(leaves[12], out _).Root());
        Assert.Throws<ArgumentException>(() => MerkleFrontier.Parse(13, frontier.ToText()));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_leaf_has_an_inclusion_proof_that_verifies(int size)
    {
        var leaves = Leaves(size);
        var root = Mth(leaves, 0, size);
        var store = Store(leaves);
        for (var index = 0; index < size; index++)
        {
            var proof = Proof(MerkleProofs.InclusionPath(index, size), store);
            Assert.True(proof.Count <= 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size), $"proof of {index} of {size} too long");
            Assert.True(MerkleProofs.VerifyInclusion(index, size, leaves[index], proof, root), $"leaf {index} of {size}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void An_inclusion_proof_fails_for_a_wrong_leaf_a_wrong_index_or_a_wrong_size(int size)
    {
        var leaves = Leaves(size + 1);
        var root = Mth(leaves, 0, size);
        var index = size / 2;
        var proof = InclusionProof(leaves, index, size);
        Assert.False(MerkleProofs.VerifyInclusion(index, size, MerkleTree.LeafHash("another leaf"u8), proof, root));
        if (size > 1) Assert.False(MerkleProofs.VerifyInclusion(index, size, leaves[(index + 1) % size], proof, root));
        if (size > 1) Assert.False(MerkleProofs.VerifyInclusion((index + 1) % size, size, leaves[index], proof, root));
        // A wrong size is checked against the root of that size (a signed checkpoint binds each root to its size).
        Assert.False(MerkleProofs.VerifyInclusion(index, size + 1, leaves[index], proof, Mth(leaves, 0, size + 1)));
        Assert.False(MerkleProofs.VerifyInclusion(size, size, leaves[index], proof, root));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_earlier_size_has_a_consistency_proof_that_verifies(int size)
    {
        var leaves = Leaves(size);
        var store = Store(leaves);
        var root = Mth(leaves, 0, size);
        for (var fromSize = 1; fromSize <= size; fromSize++)
        {
            var proof = Proof(MerkleProofs.ConsistencyPath(fromSize, size), store);
            Assert.True(MerkleProofs.VerifyConsistency(fromSize, size, Mth(leaves, 0, fromSize), root, proof), $"{fromSize} to {size}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_consistency_proof_fails_for_a_forked_log(int size)
    {
        // The fork rewrote leaf fork-1 and everything after it: its old root at fromSize differs from the real one.
        var leaves = Leaves(size);
        var root = Mth(leaves, 0, size);
        for (var fromSize = 1; fromSize <= size; fromSize += Math.Max(1, size / 50))
        {
            var forked = Leaves(size, fork: fromSize - 1);
            var forkedRoot = Mth(forked, 0, fromSize);
            Assert.False(MerkleProofs.VerifyConsistency(fromSize, size, forkedRoot, root, ConsistencyProof(leaves, fromSize, size)), $"fork at {fromSize} of {size}");
            Assert.False(MerkleProofs.VerifyConsistency(fromSize, size, forkedRoot, root, ConsistencyProof(forked, fromSize, size)), $"forked proof at {fromSize} of {size}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_consistency_proof_fails_for_a_wrong_size(int size)
    {
        var leaves = Leaves(size + 2);
        var root = Mth(leaves, 0, size);
        var fromSize = Math.Max(1, size / 3);
        var proof = ConsistencyProof(leaves, fromSize, size);
        // Each root is taken at the size it claims (a signed checkpoint binds the two).
        if (fromSize < size) Assert.False(MerkleProofs.VerifyConsistency(fromSize + 1, size, Mth(leaves, 0, fromSize + 1), root, proof));
        Assert.False(MerkleProofs.VerifyConsistency(fromSize, size + 1, Mth(leaves, 0, fromSize), Mth(leaves, 0, size + 1), proof));
        Assert.False(MerkleProofs.VerifyConsistency(size + 1, size, root, root, []));
    }

    [Fact]
    public void Equal_sizes_are_consistent_only_with_equal_roots_and_no_proof()
    {
        var leaves = Leaves(5);
        Assert.True(MerkleProofs.VerifyConsistency(5, 5, Mth(leaves, 0, 5), Mth(leaves, 0, 5), []));
        Assert.False(MerkleProofs.VerifyConsistency(5, 5, Mth(Leaves(5, fork: 4), 0, 5), Mth(leaves, 0, 5), []));
        Assert.False(MerkleProofs.VerifyConsistency(5, 5, Mth(leaves, 0, 5), Mth(leaves, 0, 5), [leaves[0]]));
        Assert.Empty(MerkleProofs.ConsistencyPath(5, 5));
    }

    [Fact]
    public void Proofs_match_rfc_9162_examples_of_section_2_1_5()
    {
        // The 7-leaf tree of the RFC: PATH(d0) = [b, h, l]; PROOF(3, D[7]) = [c, d, g, l]; PROOF(4, D[7]) = [l]; PROOF(6, D[7]) = [i, j, k].
        Assert.Equal([new(1, 2), new(2, 4), new(4, 7)], MerkleProofs.InclusionPath(0, 7));
        Assert.Equal([new(2, 3), new(3, 4), new(0, 2), new(4, 7)], MerkleProofs.ConsistencyPath(3, 7));
        Assert.Equal([new SubtreeRange(4, 7)], MerkleProofs.ConsistencyPath(4, 7));
        Assert.Equal([new(4, 6), new(6, 7), new(0, 4)], MerkleProofs.ConsistencyPath(6, 7));
    }

    [Property(MaxTest = 200)]
    public Property Proofs_of_any_tree_verify_and_a_changed_proof_hash_fails() =>
        Prop.ForAll(Gen.Choose(1, 1500).SelectMany(n => Gen.Choose(1, n).SelectMany(m => Gen.Choose(0, n - 1), (m, i) => (n, m, i)), (_, t) => t).ToArbitrary(), t =>
        {
            var (n, m, i) = t;
            var leaves = Leaves(n);
            var root = Mth(leaves, 0, n);
            var inclusion = InclusionProof(leaves, i, n);
            var consistency = ConsistencyProof(leaves, m, n);
            var ok = MerkleProofs.VerifyInclusion(i, n, leaves[i], inclusion, root)
                && MerkleProofs.VerifyConsistency(m, n, Mth(leaves, 0, m), root, consistency);
            var inclusionTampered = inclusion.Count > 0 && !MerkleProofs.VerifyInclusion(i, n, leaves[i], Flip(inclusion, i), root);
            var consistencyTampered = consistency.Count > 0 && !MerkleProofs.VerifyConsistency(m, n, Mth(leaves, 0, m), root, Flip(consistency, m));
            return ok && (inclusion.Count == 0 || inclusionTampered) && (consistency.Count == 0 || consistencyTampered);
        });

    /// <summary>The proof with one bit of one hash flipped.</summary>
    private static List<byte[]> Flip(List<byte[]> proof, int seed)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[seed % copy.Count][seed % 32] ^= 0x01;
        return copy;
    }
}
