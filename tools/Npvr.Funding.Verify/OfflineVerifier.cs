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
        return Verify(journal.Select(ExportItem.FromToken), checkpointJson, keysJson);
    }

    /// <summary>
    /// The items as they are read (<see cref="JournalFile"/>: the export streamed from its file). A file that turns out
    /// not to be JSON throws from the enumeration, also when the checkpoint already failed, as reading it whole did.
    /// </summary>
    internal static VerifyReport Verify(IEnumerable<ExportItem> journal, JObject checkpointJson, JObject keysJson)
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
            return ReadToEnd(journal, new VerifyReport(false, null, $"INVALID: {e.Message}"));
        }
        if (CheckpointCheck.SignatureProblem(checkpoint, keys) is { } signature) return ReadToEnd(journal, new VerifyReport(false, null, $"INVALID: {signature}."));
        var walk = new JournalWalk(checkpoint.RegionId);
        string? rootAtCheckpoint = null;
        long index = 0;
        foreach (var item in journal)
        {
            index++;
            if (item.Entry is not { } entry) return Broken(index, "the item is not a journal entry (sequence, format, previousHash, hash, content)");
            walk.Accept(entry);
            // A break found before makes any later one moot (Break keeps the first), so a broken chain is not checked further.
            if (walk.Chain.Valid && PersonalDataProblem(item, entry) is { } problem) walk.Chain.Break(entry.Sequence, problem);
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

    /// <summary>A file that is not JSON is named before a bad checkpoint, as when the whole file was read first.</summary>
    private static VerifyReport ReadToEnd(IEnumerable<ExportItem> journal, VerifyReport report)
    {
        foreach (var _ in journal) { } // each item is read once; the file ends
        return report;
    }

    /// <summary>
    /// The personal values served beside an entry (issue 12, point 6): each digest served is the one the content holds
    /// at its path, and each value not erased hashes with its salt to it. An export without them has nothing to check.
    /// The content is parsed once for both.
    /// </summary>
    private static string? PersonalDataProblem(ExportItem item, JournalEntry entry)
    {
        if (item.Personal is not { } values) return item.PersonalToken is { } token ? ServedProblem(token, entry) : null;
        System.Text.Json.JsonDocument content;
        try
        {
            content = System.Text.Json.JsonDocument.Parse(entry.Content);
        }
        catch (System.Text.Json.JsonException)
        {
            return "its content is not JSON, so its personal values name nothing";
        }
        using (content)
        {
            var kept = new List<KeptPersonalValue>(values.Count);
            foreach (var (value, digest) in values)
            {
                if (digest != Contracts.PersonalData.JsonPointer.StringAt(content.RootElement, value.Path))
                    return $"the digest served for {value.Path} is not the one its content holds";
                kept.Add(value);
            }
            return PersonalDataCheck.Problem(content.RootElement, kept);
        }
    }

    /// <summary>Personal data served in another shape than the route's: read value by value, naming the first that does not read.</summary>
    private static string? ServedProblem(JToken served, JournalEntry entry)
    {
        if (served.Type == JTokenType.Null) return null;
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
}
