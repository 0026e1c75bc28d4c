using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// Format 2 of a region's chain (issue 12). Content is the RFC 8785 canonical text of the event envelope exactly as
/// received, every member kept (<see cref="JsonCanonicalization"/>) except personalData, the clear values of the
/// digests the envelope holds, which the journal keeps beside the entry (<see cref="ReceivedEnvelope"/>, issue 12
/// point 6); it is stored and served as that exact text. The
/// hash binds a domain-separation prefix, the format, the region and the sequence, so an entry cannot be moved to
/// another place, region or format and still verify:
/// <code>
/// hash    = SHA-256(UTF-8("npvr-funding/journal\nformat:2\nregion:{regionId}\nsequence:{n}\nprevious:{previousHash}\n" + content))
/// genesis = SHA-256(UTF-8("npvr-funding/journal\nformat:2\nregion:{regionId}\ngenesis"))
/// </code>
/// The first entry's previous hash is the region's genesis (or the last format-1 hash, when the region's chain began
/// before format 2). Hashes are lower-case hex. docs/journal-vectors.json has worked examples.
/// </summary>
public static partial class JournalV2
{
    public const int Format = 2;
    public const string DomainPrefix = "npvr-funding/journal";

    public static ChainHead Genesis(string regionId) =>
        new(0, Hashing.Sha256Hex($"{DomainPrefix}\nformat:{Format}\nregion:{RequireRegion(regionId)}\ngenesis"));

    public static string HashOf(string regionId, long sequence, string previousHash, string content)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(content);
        return Hashing.Sha256Hex(string.Create(CultureInfo.InvariantCulture,
            $"{DomainPrefix}\nformat:{Format}\nregion:{RequireRegion(regionId)}\nsequence:{sequence}\nprevious:{previousHash}\n{content}"));
    }

    /// <summary>
    /// Whether <paramref name="hash"/> is <see cref="HashOf"/> of the rest, without building the hashed text or the hex
    /// of its hash as strings (the offline verifier asks this of every entry). The text before the content ends with a
    /// line feed, so encoding it and the content apart gives the bytes of encoding them together.
    /// </summary>
    public static bool HashMatches(string regionId, long sequence, string previousHash, string content, string hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.Length != 2 * MerkleTree.HashSize) return false;
        var head = string.Create(CultureInfo.InvariantCulture, $"{DomainPrefix}\nformat:{Format}\nregion:{RequireRegion(regionId)}\nsequence:{sequence}\nprevious:{previousHash}\n");
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(head.Length) + Encoding.UTF8.GetMaxByteCount(content.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(head, rented);
            length += Encoding.UTF8.GetBytes(content, rented.AsSpan(length));
            Span<byte> digest = stackalloc byte[MerkleTree.HashSize];
            SHA256.HashData(rented.AsSpan(0, length), digest);
            Span<char> hex = stackalloc char[2 * MerkleTree.HashSize];
            return Convert.TryToHexStringLower(digest, hex, out _) && hex.SequenceEqual(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The entry after <paramref name="head"/> holding <paramref name="envelopeJson"/> (any JSON text of the envelope;
    /// canonicalised here, without its personalData member: the journal keeps that beside the entry).
    /// </summary>
    public static JournalEntry Append(string regionId, ChainHead head, string envelopeJson)
    {
        var content = JsonCanonicalization.CanonicalizeWithout(envelopeJson, EventEnvelope.PersonalDataMember).Without;
        var sequence = head.Sequence + 1;
        return new JournalEntry(sequence, head.Hash, HashOf(regionId, sequence, head.Hash, content), content, Format);
    }

    /// <summary>Whether the stored entry is the format-2 entry after <paramref name="before"/>: linked, canonical content, and its hash.</summary>
    public static bool IsIntact(string regionId, JournalEntry entry, ChainHead before) =>
        entry.Format == Format
        && entry.Sequence == before.Sequence + 1
        && entry.PreviousHash == before.Hash
        && JsonCanonicalization.IsCanonical(entry.Content)
        && HashOf(regionId, entry.Sequence, entry.PreviousHash, entry.Content) == entry.Hash;

    /// <summary>
    /// Whether the content has a top-level personalData member. The journal leaves that member out of what it hashes
    /// (<see cref="ReceivedEnvelope"/>): a format-2 entry holding one was not made by these rules.
    /// </summary>
    public static bool HoldsPersonalDataMember(string content)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(content);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty(EventEnvelope.PersonalDataMember, out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false; // not JSON: the canonical check refuses it
        }
    }

    private static string RequireRegion(string regionId) =>
        regionId is not null && RegionIdPattern().IsMatch(regionId)
            ? regionId
            : throw new ArgumentException("A region id is lower-case letters, digits and hyphens.", nameof(regionId));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionIdPattern();
}
