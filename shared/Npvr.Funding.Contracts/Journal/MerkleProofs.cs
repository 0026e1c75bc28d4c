namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// RFC 9162 inclusion and consistency proofs as pure functions. Building a proof names the tree nodes whose hashes it
/// holds (<see cref="InclusionPath"/>, <see cref="ConsistencyPath"/>); a store hashes each node from its complete
/// parts (<see cref="NodeHash"/>). Verifying follows sections 2.1.3.2 and 2.1.4.2 to the letter.
/// </summary>
public static class MerkleProofs
{
    /// <summary>PATH(index, D[size]) (section 2.1.3.1): the sibling nodes from the leaf up.</summary>
    public static IReadOnlyList<SubtreeRange> InclusionPath(long index, long size)
    {
        if (size < 1 || index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), "A leaf index is below the tree size.");
        var path = new List<SubtreeRange>();
        var (start, end, m) = (0L, size, index);
        // Each round halves the range: at most 63 rounds.
        while (end - start > 1)
        {
            var k = MerkleTree.SplitPoint(end - start);
            if (m < k)
            {
                path.Add(new SubtreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                path.Add(new SubtreeRange(start, start + k));
                start += k;
                m -= k;
            }
        }
        path.Reverse();
        return path;
    }

    /// <summary>PROOF(fromSize, D[toSize]) (section 2.1.4.1): empty when the sizes are equal.</summary>
    public static IReadOnlyList<SubtreeRange> ConsistencyPath(long fromSize, long toSize)
    {
        if (fromSize < 1 || fromSize > toSize) throw new ArgumentOutOfRangeException(nameof(fromSize), "1 <= fromSize <= toSize.");
        var path = new List<SubtreeRange>();
        var (start, end, m, whole) = (0L, toSize, fromSize, true);
        // SUBPROOF(m, D[start:end], whole), unrolled: each round halves the range, at most 63 rounds.
        while (m != end - start)
        {
            var k = MerkleTree.SplitPoint(end - start);
            if (m <= k)
            {
                path.Add(new SubtreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                path.Add(new SubtreeRange(start, start + k));
                start += k;
                m -= k;
                whole = false;
            }
        }
        if (!whole) path.Add(new SubtreeRange(start, end));
        path.Reverse();
        return path;
    }

    /// <summary>The hash of a tree node from the hashes of its complete parts.</summary>
    public static byte[] NodeHash(SubtreeRange node, Func<SubtreeRange, byte[]> completeHash)
    {
        ArgumentNullException.ThrowIfNull(completeHash);
        var parts = node.CompleteParts();
        var hash = completeHash(parts[^1]);
        for (var i = parts.Count - 2; i >= 0; i--) hash = MerkleTree.NodeHash(completeHash(parts[i]), hash);
        return hash;
    }

    /// <summary>Section 2.1.3.2.</summary>
    public static bool VerifyInclusion(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> proof, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(root);
        if (index < 0 || index >= size) return false;
        var (fn, sn, r) = (index, size - 1, leafHash);
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.NodeHash(p, r);
                // Bounded by the bits of fn.
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                r = MerkleTree.NodeHash(r, p);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Section 2.1.4.2; equal sizes need an empty proof and equal roots.</summary>
    public static bool VerifyConsistency(long fromSize, long toSize, byte[] fromRoot, byte[] toRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(fromRoot);
        ArgumentNullException.ThrowIfNull(toRoot);
        ArgumentNullException.ThrowIfNull(proof);
        if (fromSize < 1 || fromSize > toSize) return false;
        if (fromSize == toSize) return proof.Count == 0 && fromRoot.AsSpan().SequenceEqual(toRoot);
        if (proof.Count == 0) return false;
        var path = long.IsPow2(fromSize) ? [fromRoot, .. proof] : proof.ToList();
        var (fn, sn) = (fromSize - 1, toSize - 1);
        // Bounded by the bits of fn.
        while ((fn & 1) == 1) (fn, sn) = (fn >> 1, sn >> 1);
        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleTree.NodeHash(c, fr);
                sr = MerkleTree.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                sr = MerkleTree.NodeHash(sr, c);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return fr.AsSpan().SequenceEqual(fromRoot) && sr.AsSpan().SequenceEqual(toRoot) && sn == 0;
    }
}
