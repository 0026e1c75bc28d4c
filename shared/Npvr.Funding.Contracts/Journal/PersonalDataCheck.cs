using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// What an auditor checks of the personal values kept beside an entry: each names a digest in the entry's content, and
/// each value not erased hashes with its salt to exactly that digest (SHA-256(salt || value)); an erased value holds
/// neither salt nor value. The chain itself never depends on them: erasing leaves every hash as it was.
/// </summary>
public static class PersonalDataCheck
{
    /// <summary>Null when the values agree with the content; else a sentence naming the first that does not.</summary>
    public static string? Problem(string content, IReadOnlyList<KeptPersonalValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        if (values.Count > PersonalValue.MaxPerEvent) return TooMany(values.Count);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            return "its content is not JSON, so its personal values name nothing";
        }
        using (document) return Problem(document.RootElement, values);
    }

    /// <summary>As <see cref="Problem(string, IReadOnlyList{KeptPersonalValue})"/>, with the content already parsed (a verifier that reads it once).</summary>
    public static string? Problem(JsonElement content, IReadOnlyList<KeptPersonalValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        if (values.Count > PersonalValue.MaxPerEvent) return TooMany(values.Count);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value.Path is not { Length: > 0 and <= KeptPersonalValue.MaxPathLength } path || !paths.Add(path)) return "a personal value beside it has no path or repeats one";
            if (!PersonalValue.IsKind(value.Kind)) return $"its personal value at {path} is of an unknown kind";
            var digest = JsonPointer.StringAt(content, path);
            if (!PersonalDigest.IsDigest(digest)) return $"its content holds no digest at {path}";
            if (value.Erased is not null)
            {
                if (value.Salt is not null || value.Value is not null) return $"its personal value at {path} is marked erased but is still kept";
                continue;
            }
            if (!PersonalDigest.IsSalt(value.Salt) || value.Value is null) return $"its personal value at {path} has no valid salt or value";
            if (!HashesTo(value.Salt!, value.Value, digest!)) return $"its personal value at {path} does not hash to the digest in its content";
        }
        return null;
    }

    private static string TooMany(int count) => $"it keeps {count} personal values beside it, more than {PersonalValue.MaxPerEvent}";

    /// <summary>
    /// PersonalDigest.Of(salt, value) == digest, without the strings: the salt is checked lower-case hex and the digest
    /// "sha256:" and 64 lower-case hex digits, so the texts are equal exactly when the hash bytes are.
    /// </summary>
    private static bool HashesTo(string saltHex, string value, string digest)
    {
        var saltBytes = saltHex.Length / 2;
        var rented = ArrayPool<byte>.Shared.Rent(saltBytes + Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            Convert.FromHexString(saltHex, rented, out _, out _);
            var length = saltBytes + Encoding.UTF8.GetBytes(value, rented.AsSpan(saltBytes));
            Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            Span<byte> expected = stackalloc byte[MerkleTree.HashSize];
            Convert.FromHexString(digest.AsSpan(PersonalDigest.Prefix.Length), expected, out _, out _);
            return hash.SequenceEqual(expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
