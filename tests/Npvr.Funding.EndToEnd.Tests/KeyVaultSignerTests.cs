using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Spending;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 12: checkpoints signed by a Key Vault key. No vault is reachable from here, so the signer's REST calls go to
/// <see cref="VaultStandIn"/>, which answers as Key Vault's keys API documents it (versions paged with nextLink, the
/// public JWK, sign over a SHA-256 digest) with real P-256 keys: what is checked is the signer's side of that protocol,
/// the signatures and the key periods. That Azure answers the same is on docs/deploy.md's list of unverified items.
/// </summary>
public sealed class KeyVaultSignerTests
{
    private static readonly Uri Vault = new("https://kv-test.vault.azure.net/");

    [Fact]
    public async Task A_checkpoint_signed_in_the_vault_verifies_under_the_published_key()
    {
        using var vault = new VaultStandIn();
        vault.AddVersion(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var signer = Signer(vault);

        var keys = await signer.KeysAsync(CancellationToken.None);
        var checkpoint = await SignAsync(signer, keys[^1], "2026-06-01T12:00:00.0000000Z");

        Assert.Null(CheckpointCheck.SignatureProblem(checkpoint, keys));
        Assert.Equal("Bearer token-for-" + KeyVaultSigner.Scope, vault.Authorizations.Distinct().Single());
        Assert.All(vault.Requests, r => Assert.Contains("api-version=7.4", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_rotation_every_version_is_published_with_its_period_and_old_checkpoints_still_verify()
    {
        using var vault = new VaultStandIn();
        var first = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var second = DateTimeOffset.Parse("2026-07-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        vault.AddVersion(second);
        vault.AddVersion(first); // listed out of order, and one version per page
        var signer = Signer(vault);

        var keys = await signer.KeysAsync(CancellationToken.None);
        var old = await SignAsync(signer, keys[0], "2026-03-01T00:00:00.0000000Z");
        var current = await SignAsync(signer, keys[1], "2026-08-01T00:00:00.0000000Z");

        Assert.Equal([(first, (DateTimeOffset?)second), (second, null)], keys.Select(k => (k.ValidFrom, k.ValidTo)));
        Assert.Null(CheckpointCheck.SignatureProblem(old, keys));
        Assert.Null(CheckpointCheck.SignatureProblem(current, keys));
        Assert.NotNull(CheckpointCheck.SignatureProblem(old with { KeyId = keys[1].KeyId }, keys));
    }

    [Fact]
    public async Task A_signature_the_published_key_does_not_verify_fails_the_checkpoint()
    {
        using var vault = new VaultStandIn { SignWithAnotherKey = true };
        vault.AddVersion(DateTimeOffset.UnixEpoch.AddYears(56));
        var signer = Signer(vault);
        var keys = await signer.KeysAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => signer.SignAsync(keys[0], Encoding.UTF8.GetBytes("checkpoint"), CancellationToken.None));
    }

    [Fact]
    public async Task A_vault_refusal_is_a_request_failure_the_checkpoint_writer_retries()
    {
        using var vault = new VaultStandIn { Refuse = HttpStatusCode.Forbidden };
        var signer = Signer(vault);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => signer.KeysAsync(CancellationToken.None));
        Assert.Equal(403, failure.Status);
    }

    private static KeyVaultSigner Signer(VaultStandIn vault) => KeyVaultSigner.Create(Vault, "checkpoint-signing", new FixedToken(), TimeProvider.System,
        new KeyVaultOptions { Transport = new HttpClientTransport(new HttpClient(vault)), Retry = { MaxRetries = 0 } });

    private static async Task<Checkpoint> SignAsync(KeyVaultSigner signer, AuditKey key, string time)
    {
        var unsigned = new Checkpoint("achterhoek", 3, new string('a', 64), time, key.KeyId, "");
        return unsigned with { Signature = Convert.ToBase64String(await signer.SignAsync(key, unsigned.SignedBytes(), CancellationToken.None)) };
    }

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token-for-" + string.Join(' ', requestContext.Scopes), DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Key Vault's keys API for one key, in memory, with real P-256 keys per version.</summary>
    private sealed class VaultStandIn : HttpMessageHandler
    {
        private readonly List<(string Version, DateTimeOffset Created, ECDsa Key)> _versions = [];

        public bool SignWithAnotherKey { get; init; }
        public HttpStatusCode? Refuse { get; init; }
        public List<string> Requests { get; } = [];
        public List<string> Authorizations { get; } = [];

        public void AddVersion(DateTimeOffset created) => _versions.Add((Guid.NewGuid().ToString("N"), created, ECDsa.Create(ECCurve.NamedCurves.nistP256)));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.ToString());
            Authorizations.Add(request.Headers.Authorization?.ToString() ?? "");
            if (Refuse is { } status) return Answer(status, new JObject { ["error"] = new JObject { ["code"] = "Forbidden", ["message"] = "Caller is not authorized." } });
            var path = request.RequestUri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries); // keys, name, (versions | version, (sign))
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            if (path is ["keys", _, "versions"])
            {
                var skip = int.Parse(query["skip"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                var item = _versions[skip];
                var page = new JObject
                {
                    ["value"] = new JArray(new JObject { ["kid"] = $"{Vault}keys/{path[1]}/{item.Version}", ["attributes"] = new JObject { ["enabled"] = true, ["created"] = item.Created.ToUnixTimeSeconds() } }),
                    ["nextLink"] = skip + 1 < _versions.Count ? $"{Vault}keys/{path[1]}/versions?api-version=7.4&skip={skip + 1}" : null,
                };
                return Answer(HttpStatusCode.OK, page);
            }
            var version = _versions.Single(v => v.Version == path[2]);
            if (path is ["keys", _, _])
            {
                var q = version.Key.ExportParameters(false).Q;
                return Answer(HttpStatusCode.OK, new JObject { ["key"] = new JObject { ["kid"] = $"{Vault}keys/{path[1]}/{version.Version}", ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(q.X!), ["y"] = B64(q.Y!), ["key_ops"] = new JArray("sign", "verify") } });
            }
            Assert.Equal(["keys", path[1], version.Version, "sign"], path);
            Assert.Equal(HttpMethod.Post, request.Method);
            var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            Assert.Equal("ES256", (string?)body["alg"]);
            var digest = Convert.FromBase64String(((string)body["value"]!).Replace('-', '+').Replace('_', '/') + "=");
            Assert.Equal(32, digest.Length);
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var signature = (SignWithAnotherKey ? other : version.Key).SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return Answer(HttpStatusCode.OK, new JObject { ["kid"] = $"{Vault}keys/{path[1]}/{version.Version}", ["value"] = B64(signature) });
        }

        protected override void Dispose(bool disposing)
        {
            foreach (var v in _versions) v.Key.Dispose();
            base.Dispose(disposing);
        }

        private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static HttpResponseMessage Answer(HttpStatusCode status, JObject body) =>
            new(status) { Content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json") };
    }
}
