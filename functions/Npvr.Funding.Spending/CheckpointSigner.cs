using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>
/// What signs checkpoints: ES256 (ECDSA P-256, SHA-256, the 64-byte r||s form), the form Azure Key Vault's sign
/// operation returns. In Azure a Key Vault key (<see cref="KeyVaultSigner"/>); locally a key file (<see cref="LocalKeySigner"/>).
/// </summary>
public interface ICheckpointSigner
{
    /// <summary>Every key that signed or signs, oldest first, each with its period; the last one signs now.</summary>
    Task<IReadOnlyList<AuditKey>> KeysAsync(CancellationToken cancellationToken);

    /// <summary>The signature of <paramref name="data"/> by <paramref name="key"/> (one of <see cref="KeysAsync"/>).</summary>
    Task<byte[]> SignAsync(AuditKey key, byte[] data, CancellationToken cancellationToken);
}

/// <summary>
/// A P-256 key in a file, created on first use: Audit:SigningKeyPath, by default audit-signing-key.json in the
/// user's local application data folder (Npvr.Funding), outside any repository; the local host points it into the
/// repository's git-ignored .localdata folder. For development and tests only: whoever can read the file can sign.
/// </summary>
public sealed class LocalKeySigner : ICheckpointSigner, IDisposable
{
    public const string PathSetting = "Audit:SigningKeyPath";

    private readonly ECDsa _key;

    private LocalKeySigner(ECDsa key, DateTimeOffset createdAt)
    {
        _key = key;
        Key = AuditKey.FromParameters(key.ExportParameters(includePrivateParameters: false), createdAt);
    }

    public AuditKey Key { get; }

    public Task<IReadOnlyList<AuditKey>> KeysAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AuditKey>>([Key]);

    public static string PathFrom(IConfiguration configuration) =>
        configuration[PathSetting] is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Npvr.Funding", "audit-signing-key.json");

    /// <summary>The key in <paramref name="path"/>, made there first if there is none (another process making it at the same time wins; both then use its key).</summary>
    public static LocalKeySigner Open(string path, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!File.Exists(path)) Create(path, clock.GetUtcNow());
        var json = JObject.Parse(File.ReadAllText(path));
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String((string?)json["privateKey"] ?? throw new InvalidOperationException($"{path} holds no privateKey.")), out _);
        if (key.KeySize != 256) throw new InvalidOperationException($"{path} holds a {key.KeySize}-bit key; checkpoints are signed with P-256.");
        var createdAt = DateTimeOffset.Parse((string?)json["createdAt"] ?? throw new InvalidOperationException($"{path} holds no createdAt."),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        return new LocalKeySigner(key, createdAt);
    }

    public Task<byte[]> SignAsync(AuditKey key, byte[] data, CancellationToken cancellationToken)
    {
        if (key.KeyId != Key.KeyId) throw new InvalidOperationException($"This signer holds key {Key.KeyId}, not {key.KeyId}.");
        return Task.FromResult(_key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public void Dispose() => _key.Dispose();

    private static void Create(string path, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = new JObject { ["createdAt"] = Checkpoint.TimeText(now), ["privateKey"] = Convert.ToBase64String(key.ExportPkcs8PrivateKey()) };
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(temporary, options)) file.Write(json.ToString());
        try
        {
            File.Move(temporary, path, overwrite: false); // whole file or none: a reader never sees half a key
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another process made the key first
        }
    }
}
