using System.Globalization;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Verify;

/// <summary>What the offline check found: valid, or the first failure (an entry's sequence where there is one).</summary>
public sealed record VerifyReport(bool Valid, long? FirstBrokenSequence, string Message);

/// <summary>
/// Recomputes every entry's hash (format 1 or 2 rules), the chain, the RFC 9162 root at the checkpoint's size and the
/// checkpoint's signature with the published key, checks the personal values served beside entries against the digests
/// their content holds (erased ones hold nothing to check), and names the first thing that does not hold.
/// </summary>
public static class OfflineVerifier
{
    public static VerifyReport Verify(JArray journal, JObject checkpointJson, JObject keysJson)
    {
        ArgumentNullException.ThrowIfNull(journal);
        Checkpoint checkpoint;
        List<AuditKey> keys;
        try
        {
            checkpoint = Checkpoint.FromJson(checkpointJson);
            keys = [.. ((keysJson["keys"] as JArray) ?? throw new FormatException("The keys file has no 'keys' array.")).OfType<JObject>().Select(AuditKey.FromJson)];
        }
        catch (FormatException e)
        {
            return new VerifyReport(false, null, $"INVALID: {e.Message}");
        }
        if (CheckpointCheck.SignatureProblem(checkpoint, keys) is { } signature) return new VerifyReport(false, null, $"INVALID: {signature}.");
        var walk = new JournalWalk(checkpoint.RegionId);
        string? rootAtCheckpoint = null;
        foreach (var (item, index) in journal.Select((item, index) => (item, index)))
        {
            if (Entry(item) is not { } entry) return Broken(index + 1, "the item is not a journal entry (sequence, format, previousHash, hash, content)");
            walk.Accept(entry);
            if (PersonalDataProblem((JObject)item, entry) is { } problem) walk.Chain.Break(entry.Sequence, problem);
            if (walk.TreeSize == checkpoint.TreeSize) rootAtCheckpoint = Convert.ToHexStringLower(walk.Root());
        }
        if (walk.Chain.FirstBrokenSequence is { } broken) return Broken(broken, walk.Chain.FirstBrokenReason!);
        if (rootAtCheckpoint is null)
            return Broken(walk.TreeSize + 1, $"the checkpoint covers {checkpoint.TreeSize} entries; the journal holds {walk.TreeSize}");
        if (rootAtCheckpoint != checkpoint.RootHash)
            return Broken(1, $"the first {checkpoint.TreeSize} entries give root {rootAtCheckpoint}, the signed checkpoint names {checkpoint.RootHash}: this is not the journal that was signed, and one checkpoint vouches for none of its entries");
        var unsigned = walk.TreeSize > checkpoint.TreeSize ? $"; entries {checkpoint.TreeSize + 1} to {walk.TreeSize} are chained but not yet covered by this checkpoint" : "";
        return new VerifyReport(true, null, string.Create(CultureInfo.InvariantCulture,
            $"VALID: {walk.TreeSize} entries of {checkpoint.RegionId}; root {checkpoint.RootHash} at {checkpoint.TreeSize} entries, signed {checkpoint.Time} by key {checkpoint.KeyId}{unsigned}."));
    }

    /// <summary>
    /// The personal values served beside an entry (issue 12, point 6): each digest served is the one the content holds
    /// at its path, and each value not erased hashes with its salt to it. An export without them has nothing to check.
    /// </summary>
    private static string? PersonalDataProblem(JObject item, JournalEntry entry)
    {
        if (item["personalData"] is not { } served || served.Type == JTokenType.Null) return null;
        if (served is not JArray values) return "its personalData is not an array";
        var kept = new List<KeptPersonalValue>(values.Count);
        try
        {
            using var content = System.Text.Json.JsonDocument.Parse(entry.Content);
            foreach (var value in values.Take(Contracts.PersonalData.PersonalValue.MaxPerEvent + 1))
            {
                var (read, digest) = KeptPersonalValue.FromServed(value);
                if (digest != Contracts.PersonalData.JsonPointer.StringAt(content.RootElement, read.Path))
                    return $"the digest served for {read.Path} is not the one its content holds";
                kept.Add(read);
            }
        }
        catch (FormatException e)
        {
            return $"a personal value beside it is unreadable: {e.Message}";
        }
        catch (System.Text.Json.JsonException)
        {
            return "its content is not JSON, so its personal values name nothing";
        }
        return PersonalDataCheck.Problem(entry.Content, kept);
    }

    private static VerifyReport Broken(long sequence, string reason) =>
        new(false, sequence, string.Create(CultureInfo.InvariantCulture, $"INVALID: entry {sequence}: {reason}."));

    private static JournalEntry? Entry(JToken item) =>
        item is JObject o
        && o["sequence"] is { Type: JTokenType.Integer } sequence
        && o["format"] is { Type: JTokenType.Integer } format
        && o["previousHash"] is { Type: JTokenType.String } previous
        && o["hash"] is { Type: JTokenType.String } hash
        && o["content"] is { Type: JTokenType.String } content
            ? new JournalEntry((long)sequence, (string)previous!, (string)hash!, (string)content!, (int)format)
            : null;
}
