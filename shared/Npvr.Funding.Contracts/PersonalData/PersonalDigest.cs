using System.Security.Cryptography;
using System.Text;

namespace Npvr.Funding.Contracts.PersonalData;

/// <summary>
/// The salted digest that stands for a person's name or e-mail address in hashed content:
/// <c>"sha256:" + hex(SHA-256(salt || UTF-8(value)))</c>, the salt 16 random bytes per value (hex on the wire). Without
/// the salt the digest cannot be tested against guessed names; once value and salt are erased it identifies nobody.
/// docs/journal-vectors.json has worked examples.
/// </summary>
public static class PersonalDigest
{
    public const string Prefix = "sha256:";
    public const int SaltBytes = 16;

    /// <summary>Longest salt accepted from a producer (64 bytes): a salt is random, never data.</summary>
    public const int MaxSaltBytes = 64;

    /// <summary>Longest clear value accepted (names and e-mail addresses are far shorter; an e-mail address is at most 254).</summary>
    public const int MaxValueLength = 1000;

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));

    public static string Of(string saltHex, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsSalt(saltHex)) throw new ArgumentException($"A salt is {SaltBytes} to {MaxSaltBytes} bytes in lower-case hex.", nameof(saltHex));
        var salt = Convert.FromHexString(saltHex);
        var text = Encoding.UTF8.GetBytes(value);
        var input = new byte[salt.Length + text.Length];
        salt.CopyTo(input, 0);
        text.CopyTo(input, salt.Length);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>Whether <paramref name="text"/> has the form of a digest ("sha256:" and 64 lower-case hex digits).</summary>
    public static bool IsDigest(string? text) =>
        text is { Length: 71 } && text.StartsWith(Prefix, StringComparison.Ordinal) && text.AsSpan(Prefix.Length).ContainsOnlyLowerHex();

    public static bool IsSalt(string? text) =>
        text is not null && text.Length % 2 == 0 && text.Length >= 2 * SaltBytes && text.Length <= 2 * MaxSaltBytes && text.AsSpan().ContainsOnlyLowerHex();

    private static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        return true;
    }
}
