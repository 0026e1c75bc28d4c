using System.Numerics;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>Leaves [Start, End) of a tree, zero-based. Complete when its size is a power of two and Start a multiple of it.</summary>
public readonly record struct SubtreeRange(long Start, long End)
{
    public long Size => End - Start;
    public bool IsComplete => Size > 0 && BitOperations.IsPow2(Size) && Start % Size == 0;

    /// <summary>log2(Size) of a complete subtree.</summary>
    public int Level => BitOperations.Log2((ulong)Size);

    /// <summary>
    /// The complete aligned subtrees that make up a node of an RFC 9162 tree (a range starting at a multiple of the
    /// power of two at or above its size), largest first; its hash folds them from the right. At most 63.
    /// </summary>
    public IReadOnlyList<SubtreeRange> CompleteParts()
    {
        if (Size <= 0) throw new InvalidOperationException("An empty range has no parts.");
        var parts = new List<SubtreeRange>();
        var start = Start;
        for (var bit = 62; bit >= 0; bit--)
        {
            var size = 1L << bit;
            if ((Size & size) == 0) continue;
            var part = new SubtreeRange(start, start + size);
            if (!part.IsComplete) throw new InvalidOperationException($"[{Start}, {End}) is not a node of an RFC 9162 tree.");
            parts.Add(part);
            start += size;
        }
        return parts;
    }
}
