using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// A public key that signs checkpoints: an EC P-256 JWK (RFC 7517), its RFC 7638 thumbprint as <see cref="KeyId"/>,
/// and the period in which it signs (<see cref="ValidTo"/> null while it is in use).
/// </summary>
public sealed record AuditKey(string KeyId, string X, string Y, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)
{
    public const string Algorithm = "ES256";

    public static AuditKey FromParameters(ECParameters parameters, DateTimeOffset validFrom, DateTimeOffset? validTo = null)
    {
        if (parameters.Q.X is not { Length: 32 } x || parameters.Q.Y is not { Length: 32 } y)
            throw new ArgumentException("A P-256 public key has 32-byte coordinates.", nameof(parameters));
        var (xText, yText) = (Base64Url(x), Base64Url(y));
        return new AuditKey(Thumbprint(xText, yText), xText, yText, validFrom, validTo);
    }

    /// <summary>RFC 7638: SHA-256 of {"crv","kty","x","y"} in that order, no whitespace, base64url.</summary>
    public static string Thumbprint(string x, string y) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}")));

    public bool SignsAt(DateTimeOffset time) => time >= ValidFrom && (ValidTo is null || time < ValidTo);

    /// <summary>Whether <paramref name="signature"/> (r||s, 64 bytes) is this key's ES256 signature of <paramref name="data"/>.</summary>
    public bool Verifies(byte[] data, byte[] signature)
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FromBase64Url(X), Y = FromBase64Url(Y) },
        });
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public JObject ToJson() => new()
    {
        ["keyId"] = KeyId,
        ["algorithm"] = Algorithm,
        ["publicKey"] = new JObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = X, ["y"] = Y },
        ["validFrom"] = Checkpoint.TimeText(ValidFrom),
        ["validTo"] = ValidTo is { } to ? Checkpoint.TimeText(to) : null,
    };

    public static AuditKey FromJson(JObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var jwk = json["publicKey"] as JObject ?? throw new FormatException("A key has a publicKey JWK.");
        if ((string?)jwk["kty"] != "EC" || (string?)jwk["crv"] != "P-256" || (string?)json["algorithm"] != Algorithm)
            throw new FormatException("Only ES256 keys (EC P-256) sign checkpoints.");
        var (x, y) = ((string?)jwk["x"] ?? throw new FormatException("The JWK has no x."), (string?)jwk["y"] ?? throw new FormatException("The JWK has no y."));
        var keyId = (string?)json["keyId"] ?? throw new FormatException("A key has a keyId.");
        if (keyId != Thumbprint(x, y)) throw new FormatException($"Key {keyId} is not the RFC 7638 thumbprint of its JWK.");
        return new AuditKey(keyId, x, y, Timestamp(json["validFrom"]) ?? throw new FormatException("A key has a validFrom."), Timestamp(json["validTo"]));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private static DateTimeOffset? Timestamp(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? null
        : DateTimeOffset.Parse((string)token!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
