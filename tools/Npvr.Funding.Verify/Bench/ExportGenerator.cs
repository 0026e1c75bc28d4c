using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Verify.Bench;

/// <summary>
/// A valid export as the audit routes serve it (journal.json, checkpoint.json, keys.json): SpendingRecorded envelopes
/// made as the Spending app makes them (actor and recordedBy sealed as digests), journaled with JournalV2.Append, each
/// item as GET /audit/regions/{regionId}/journal serves it (content, entry, personalData with its digests), and a
/// checkpoint over all of it signed with a fresh P-256 key.
/// </summary>
internal static class ExportGenerator
{
    public const string Region = "achterhoek";

    /// <summary>Ten million entries is ten times the largest journal an auditor is expected to export.</summary>
    private const int MaxEntries = 10_000_000;

    public static int Write(string folder, int entries)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entries, MaxEntries);
        Directory.CreateDirectory(folder);
        var random = new Random(12);
        var actor = Actor.Person(Guid.NewGuid(), Guid.NewGuid(), "Petra de Vries");
        var start = DateTimeOffset.Parse("2025-02-01T08:00:00Z", CultureInfo.InvariantCulture);
        var head = JournalV2.Genesis(Region);
        var leaves = new List<byte[]>(entries);
        using (var file = new StreamWriter(Path.Combine(folder, "journal.json"), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        using (var json = new JsonTextWriter(file))
        {
            json.WriteStartArray();
            for (var i = 0; i < entries; i++)
            {
                var at = start.AddSeconds(i);
                var line = new SpendingRecorded(Guid.NewGuid(), Region, "npvr-2025", DateOnly.FromDateTime(at.UtcDateTime), Money.FromCents(random.NextInt64(100, 10_000_000)),
                    Money.FromCents(random.NextInt64(0, 100_000)), Money.FromCents(random.NextInt64(0, 50_000)), SpendingCategory.ProcessGuidance,
                    $"Adviesbureau Oost {random.Next(1000)} B.V.", $"F-{i:D8}", $"Procesbegeleiding werksessie {i} ruimtelijke plannen en wonen in de regio", null, at, actor.Name);
                var envelope = EventEnvelope.Create(EventTypes.SpendingRecorded, line, at, Region, "npvr-2025", $"import-{i / 1000}", null, actor);
                var (content, kept) = ReceivedEnvelope.Split(FundingJson.Serialize(envelope));
                var entry = JournalV2.Append(Region, head, FundingJson.Serialize(envelope));
                if (entry.Content != content) throw new InvalidOperationException("Append and Split disagree on the content.");
                head = new ChainHead(entry.Sequence, entry.Hash);
                leaves.Add(MerkleTree.JournalLeaf(entry.Hash));
                Item(entry, kept).WriteTo(json);
            }
            json.WriteEndArray();
        }
        Sign(folder, entries, MerkleTree.Root(leaves), start);
        Console.WriteLine($"{entries} entries, {new FileInfo(Path.Combine(folder, "journal.json")).Length / (1024.0 * 1024):0} MiB, head {head.Hash}");
        return 0;
    }

    /// <summary>As GetJournal serves an entry.</summary>
    private static JObject Item(JournalEntry entry, IReadOnlyList<KeptPersonalValue> kept)
    {
        var content = entry.ContentJson();
        return new JObject
        {
            ["sequence"] = entry.Sequence,
            ["format"] = entry.Format,
            ["previousHash"] = entry.PreviousHash,
            ["hash"] = entry.Hash,
            ["content"] = entry.Content,
            ["entry"] = entry.EnvelopeJson(),
            ["personalData"] = new JArray(kept.Select(v => v.ToServed((string?)JsonPointer.StringAt(content, v.Path)))),
        };
    }

    private static void Sign(string folder, long treeSize, byte[] root, DateTimeOffset keyCreatedAt)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var auditKey = AuditKey.FromParameters(key.ExportParameters(includePrivateParameters: false), keyCreatedAt);
        var unsigned = new Checkpoint(Region, treeSize, Convert.ToHexStringLower(root), Checkpoint.TimeText(keyCreatedAt.AddDays(1)), auditKey.KeyId, "");
        var signature = key.SignData(unsigned.SignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var checkpoint = unsigned with { Signature = Convert.ToBase64String(signature) };
        File.WriteAllText(Path.Combine(folder, "checkpoint.json"), checkpoint.ToJson().ToString(Formatting.None));
        File.WriteAllText(Path.Combine(folder, "keys.json"), new JObject { ["keys"] = new JArray(auditKey.ToJson()) }.ToString(Formatting.None));
    }
}
