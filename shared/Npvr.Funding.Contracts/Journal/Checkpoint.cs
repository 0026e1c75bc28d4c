using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// A signed statement that a region's journal had <see cref="TreeSize"/> entries with Merkle root
/// <see cref="RootHash"/> at <see cref="Time"/> (issue 12). The signature is ES256 (ECDSA P-256 with SHA-256, the
/// 64-byte r||s form, base64) over <see cref="SignedText"/>: the line "npvr-funding/checkpoint/v1" and the RFC 8785
/// canonical JSON of every member but the signature. Its wire form is <see cref="ToJson"/>.
/// </summary>
public sealed record Checkpoint(string RegionId, long TreeSize, string RootHash, string Time, string KeyId, string Signature)
{
    public const string Domain = "npvr-funding/checkpoint/v1";

    public static string TimeText(DateTimeOffset time) => time.ToUniversalTime().ToString(UtcTimestampJsonConverter.Format, CultureInfo.InvariantCulture);

    /// <summary>The bytes the signature covers.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(SignedText());

    public string SignedText() => Domain + "\n" + JsonCanonicalization.Canonicalize(Unsigned().ToString(Newtonsoft.Json.Formatting.None));

    public JObject ToJson()
    {
        var json = Unsigned();
        json["signature"] = Signature;
        return json;
    }

    /// <summary>A checkpoint as the route returns it; <see cref="FormatException"/> when a member is missing or of another type.</summary>
    public static Checkpoint FromJson(JObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new Checkpoint(Text(json, "regionId"), json["treeSize"] is { Type: JTokenType.Integer } size ? (long)size : throw Missing("treeSize"),
            Text(json, "rootHash"), Text(json, "time"), Text(json, "keyId"), Text(json, "signature"));
    }

    private JObject Unsigned() => new()
    {
        ["regionId"] = RegionId,
        ["treeSize"] = TreeSize,
        ["rootHash"] = RootHash,
        ["time"] = Time,
        ["keyId"] = KeyId,
    };

    private static string Text(JObject json, string name) => json[name] is { Type: JTokenType.String } value ? (string)value! : throw Missing(name);

    private static FormatException Missing(string name) => new($"A checkpoint has a member '{name}' of its type.");
}
