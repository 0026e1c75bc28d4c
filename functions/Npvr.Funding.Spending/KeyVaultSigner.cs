using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>
/// Checkpoints signed by an Azure Key Vault key (EC P-256, ES256) that the app may use but never read: the private key
/// never leaves the vault (Bicep: key operations sign and verify only, Key Vault Crypto User on that key alone). Key
/// Vault's client package (Azure.Security.KeyVault.Keys) is not served by this project's NuGet source, so this speaks
/// the Key Vault keys REST API (api-version 7.4: get key versions, get key, sign; learn.microsoft.com/rest/api/keyvault/keys)
/// through Azure.Core's pipeline with the app's managed identity. Every version of the key is an audit key: rotating
/// the key in the vault starts a new period, and the old versions still verify the checkpoints they signed.
/// </summary>
public sealed class KeyVaultSigner(Uri vault, string keyName, HttpPipeline pipeline, TimeProvider clock) : ICheckpointSigner
{
    public const string VaultSetting = "Audit:KeyVaultUri";
    public const string KeyNameSetting = "Audit:KeyName";
    public const string ApiVersion = "7.4";
    public const string Scope = "https://vault.azure.net/.default";

    /// <summary>Versions read at most: a key rotated every month for eight years. More means something else rotates it.</summary>
    public const int MaxVersions = 100;

    /// <summary>How long the key list is kept before it is read again (a rotation shows within this time).</summary>
    public static readonly TimeSpan KeysRefresh = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (DateTimeOffset ReadAt, IReadOnlyList<AuditKey> Keys, IReadOnlyDictionary<string, string> Versions)? _known;

    /// <summary>The signer for a vault and key name, authenticated with <paramref name="credential"/> (the managed identity in Azure).</summary>
    public static KeyVaultSigner Create(Uri vault, string keyName, TokenCredential credential, TimeProvider clock, KeyVaultOptions? options = null) =>
        new(vault, keyName, HttpPipelineBuilder.Build(options ?? new KeyVaultOptions(), new BearerTokenAuthenticationPolicy(credential, Scope)), clock);

    public async Task<IReadOnlyList<AuditKey>> KeysAsync(CancellationToken cancellationToken) => (await KnownAsync(cancellationToken)).Keys;

    public async Task<byte[]> SignAsync(AuditKey key, byte[] data, CancellationToken cancellationToken)
    {
        var version = (await KnownAsync(cancellationToken)).Versions.GetValueOrDefault(key.KeyId)
            ?? throw new InvalidOperationException($"Key {key.KeyId} is not a version of {keyName}.");
        var body = new JObject { ["alg"] = AuditKey.Algorithm, ["value"] = Base64Url(SHA256.HashData(data)) };
        var answer = await SendAsync(RequestMethod.Post, $"keys/{keyName}/{version}/sign", body, cancellationToken);
        var signature = FromBase64Url((string?)answer["value"] ?? throw new InvalidDataException("Key Vault's sign answer has no value."));
        // A signature that does not verify would only be found by the next auditor; better to fail the checkpoint now.
        if (!key.Verifies(data, signature)) throw new InvalidOperationException($"Key Vault's signature with {keyName}/{version} does not verify under that version's public key.");
        return signature;
    }

    private async Task<(DateTimeOffset ReadAt, IReadOnlyList<AuditKey> Keys, IReadOnlyDictionary<string, string> Versions)> KnownAsync(CancellationToken cancellationToken)
    {
        if (_known is { } fresh && clock.GetUtcNow() - fresh.ReadAt < KeysRefresh) return fresh;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_known is { } again && clock.GetUtcNow() - again.ReadAt < KeysRefresh) return again;
            var read = await ReadKeysAsync(cancellationToken);
            _known = (clock.GetUtcNow(), read.Select(k => k.Key).ToList(), read.ToDictionary(k => k.Key.KeyId, k => k.Version, StringComparer.Ordinal));
            return _known.Value;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Every version, oldest first; each signs from its creation until the next version's; the newest enabled one signs now.</summary>
    private async Task<List<(AuditKey Key, string Version)>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        var versions = new List<(string Version, DateTimeOffset Created, bool Enabled)>();
        string? next = $"keys/{keyName}/versions";
        while (next is not null)
        {
            var page = await SendAsync(RequestMethod.Get, next, null, cancellationToken);
            foreach (var item in page["value"]?.OfType<JObject>() ?? [])
            {
                var kid = (string?)item["kid"] ?? throw new InvalidDataException("A key version without kid.");
                versions.Add((kid.TrimEnd('/').Split('/')[^1], DateTimeOffset.FromUnixTimeSeconds((long?)item["attributes"]?["created"] ?? 0),
                    (bool?)item["attributes"]?["enabled"] ?? false));
                if (versions.Count > MaxVersions) throw new InvalidOperationException($"{keyName} has more than {MaxVersions} versions.");
            }
            next = (string?)page["nextLink"];
        }
        var ordered = versions.OrderBy(v => v.Created).ToList();
        if (ordered.Count == 0) throw new InvalidOperationException($"{keyName} has no version in {vault.Host}.");
        var keys = new List<(AuditKey, string)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var jwk = (await SendAsync(RequestMethod.Get, $"keys/{keyName}/{ordered[i].Version}", null, cancellationToken))["key"] as JObject
                ?? throw new InvalidDataException($"{keyName}/{ordered[i].Version} has no key.");
            if ((string?)jwk["kty"] is not ("EC" or "EC-HSM") || (string?)jwk["crv"] != "P-256")
                throw new InvalidOperationException($"{keyName}/{ordered[i].Version} is not an EC P-256 key.");
            var validTo = i + 1 < ordered.Count ? ordered[i + 1].Created : (DateTimeOffset?)null;
            var key = new AuditKey(AuditKey.Thumbprint((string)jwk["x"]!, (string)jwk["y"]!), (string)jwk["x"]!, (string)jwk["y"]!, ordered[i].Created, validTo);
            keys.Add((key, ordered[i].Version));
        }
        // Disabled versions stay listed (they verify what they signed); the newest signs, so it must be enabled.
        if (!ordered[^1].Enabled) throw new InvalidOperationException($"The newest version of {keyName} is disabled; enable it or create a new version.");
        return keys;
    }

    private async Task<JObject> SendAsync(RequestMethod method, string pathOrLink, JObject? body, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var uri = new RequestUriBuilder();
        if (pathOrLink.StartsWith("https://", StringComparison.Ordinal))
        {
            // A nextLink: Key Vault's own URL of the next page, which must stay inside this vault.
            var link = new Uri(pathOrLink);
            if (link.Host != vault.Host) throw new InvalidDataException($"A nextLink outside {vault.Host}: {link.Host}.");
            uri.Reset(link);
        }
        else
        {
            uri.Reset(new Uri(vault, pathOrLink));
            uri.AppendQuery("api-version", ApiVersion);
        }
        message.Request.Uri = uri;
        message.Request.Method = method;
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(System.Text.Encoding.UTF8.GetBytes(body.ToString(Newtonsoft.Json.Formatting.None)));
        }
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError) throw new RequestFailedException(message.Response);
        return JObject.Parse(message.Response.Content.ToString());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

/// <summary>Pipeline options of <see cref="KeyVaultSigner"/> (retries, and a transport tests can replace).</summary>
public sealed class KeyVaultOptions : ClientOptions;
