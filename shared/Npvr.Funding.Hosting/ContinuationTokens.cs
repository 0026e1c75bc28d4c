using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Continuation tokens that are opaque, bound to the query that issued them and tamper-evident (issue 11, point 9):
/// "v2." + base64url(position) + "." + base64url(HMAC-SHA256(key, scope + "\n" + position)[..16]). The scope names the
/// route and every filter, so a token from another route, region or filter is refused like a forged one (400
/// continuation-token-invalid). The key is Paging:TokenKey (base64, 32 bytes or more); without one, a process makes its
/// own random key (tokens then end with the process: fine locally, refused in Azure at start).
/// </summary>
public sealed class ContinuationTokens
{
    public const string KeySetting = "Paging:TokenKey";
    private const string Version = "v2";
    private const int MinKeyBytes = 32;
    private const int MacBytes = 16;

    /// <summary>Far above any position the apps page by (a sequence number, a row key): longer tokens are refused unread.</summary>
    private const int MaxTokenChars = 2048;

    private readonly byte[] _key;

    public ContinuationTokens(byte[] key)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"A continuation token key has at least {MinKeyBytes} bytes.", nameof(key));
        _key = key;
    }

    public static ContinuationTokens FromConfiguration(IConfiguration configuration)
    {
        if (configuration[KeySetting] is { Length: > 0 } text)
        {
            var key = new byte[text.Length];
            return Convert.TryFromBase64String(text, key, out var length) && length >= MinKeyBytes
                ? new ContinuationTokens(key[..length])
                : throw new InvalidOperationException($"{KeySetting} is not base64 of {MinKeyBytes} bytes or more.");
        }
        // App Service sets WEBSITE_SITE_NAME: several instances must share the key, so a missing one is a deployment error.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME")))
            throw new InvalidOperationException($"{KeySetting} is not set: continuation tokens need one key shared by every instance.");
        return new ContinuationTokens(RandomNumberGenerator.GetBytes(MinKeyBytes));
    }

    /// <summary>A token that continues <paramref name="scope"/> at <paramref name="position"/>.</summary>
    public string Issue(string position, string scope) =>
        $"{Version}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position))}.{Base64Url.EncodeToString(Mac(scope, position))}";

    /// <summary>The page size and the position of a token this scope issued; 400 for any other token.</summary>
    public Paging Read(FunctionHttpRequest request, string scope)
    {
        var (pageSize, token) = Paging.Parse(request);
        return new Paging(pageSize, token is null ? null : Open(token, scope));
    }

    private string Open(string token, string scope)
    {
        var parts = token.Length <= MaxTokenChars ? token.Split('.') : [];
        if (parts.Length == 3 && parts[0] == Version && TryDecode(parts[1], out var position) && TryDecode(parts[2], out var mac)
            && CryptographicOperations.FixedTimeEquals(mac, Mac(scope, Encoding.UTF8.GetString(position))))
            return Encoding.UTF8.GetString(position);
        throw new ProblemException(Problem.BadRequest("continuation-token-invalid",
            "The continuationToken was not issued for this query: continue with the same route and filters, or start again without it."));
    }

    private byte[] Mac(string scope, string position) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(scope + "\n" + position))[..MacBytes];

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}
