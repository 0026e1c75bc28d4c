using System.Diagnostics;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Verify;

namespace Npvr.Funding.Benchmarks;

/// <summary>A region's checkpoint signed over its whole journal, and the keys, as the audit routes answer them (the exact text).</summary>
internal sealed record SignedJournal(string RegionId, Checkpoint Checkpoint, string CheckpointText, string KeysText)
{
    /// <summary>
    /// Runs the LinkJournals timer once, as the system does every minute (the benchmark's timers are off, and writers
    /// sign at most once a minute), so the latest checkpoint covers every entry; then checks its signature.
    /// </summary>
    public static async Task<SignedJournal> SignAsync(BenchSystem system, string regionId)
    {
        var outcome = await system.Host.RunFunctionAsync("LinkJournals");
        if (!outcome.Succeeded) throw new InvalidOperationException($"LinkJournals failed: {outcome.FailureDescription}");
        var checkpointText = await system.Api.GetTextAsync($"audit/regions/{regionId}/checkpoint", Principals.Auditor);
        var keysText = await system.Api.GetTextAsync("audit/keys", Principals.Auditor);
        var checkpoint = Checkpoint.FromJson((JObject)FundingJson.Parse(checkpointText));
        var keys = ((JArray)FundingJson.Parse(keysText)["keys"]!).OfType<JObject>().Select(AuditKey.FromJson).ToList();
        if (CheckpointCheck.SignatureProblem(checkpoint, keys) is { } problem) throw new InvalidOperationException($"The checkpoint of {regionId} does not verify: {problem}");
        return new SignedJournal(regionId, checkpoint, checkpointText, keysText);
    }
}

/// <summary>
/// The files an auditor checks offline (tools/Npvr.Funding.Verify): the journal's pages' items concatenated into one
/// JSON array, written page by page as they arrive, the checkpoint and the keys; in a folder deleted on dispose.
/// </summary>
internal sealed class JournalExport : IDisposable
{
    /// <summary>The journal route's largest page.</summary>
    private const int PageRows = 1000;

    /// <summary>Bounds the walk: 1,000,000 entries, ten times the benchmark's journal.</summary>
    private const int MaxPages = 1000;

    private readonly string _folder = Directory.CreateTempSubdirectory("npvr-bench-verify-").FullName;
    private List<string> _hashes = [];

    /// <summary>Each exported entry's hash, entry sequence s at index s - 1.</summary>
    public IReadOnlyList<string> Hashes => _hashes;

    private string JournalPath => Path.Combine(_folder, "journal.json");
    private string CheckpointPath => Path.Combine(_folder, "checkpoint.json");
    private string KeysPath => Path.Combine(_folder, "keys.json");

    /// <summary>Exports through the API once (timed apart, printed as a figure): every entry the checkpoint signed, no more.</summary>
    public static async Task<JournalExport> WriteAsync(BenchApi api, SignedJournal signed, Report report)
    {
        var export = new JournalExport();
        try
        {
            var clock = Stopwatch.StartNew();
            await File.WriteAllTextAsync(export.CheckpointPath, signed.CheckpointText);
            await File.WriteAllTextAsync(export.KeysPath, signed.KeysText);
            export._hashes = await WriteJournalAsync(api, signed.RegionId, export.JournalPath);
            var (entries, treeSize) = (export._hashes.Count, signed.Checkpoint.TreeSize);
            if (entries != treeSize) throw new InvalidOperationException($"The export holds {entries} entries; the checkpoint signed {treeSize}.");
            report.Figure($"Export for the offline verifier (not in the table): {entries:N0} entries through GET /audit/regions/{signed.RegionId}/journal in pages of {PageRows:N0}, "
                + $"{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {new FileInfo(export.JournalPath).Length / (1024.0 * 1024):0} MiB of JSON.");
            return export;
        }
        catch
        {
            export.Dispose();
            throw;
        }
    }

    /// <summary>The auditor's command, in this process; a verdict other than valid stops the run with the verifier's words.</summary>
    public string Verify()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = VerifyCommand.Run(["--journal", JournalPath, "--checkpoint", CheckpointPath, "--keys", KeysPath], output, error);
        var said = (output.ToString() + error).Trim();
        return exit == VerifyCommand.Valid ? said : throw new InvalidOperationException($"The offline verifier exited {exit}: {said}");
    }

    private static async Task<List<string>> WriteJournalAsync(BenchApi api, string regionId, string path)
    {
        var hashes = new List<string>();
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var json = new JsonTextWriter(file);
        await json.WriteStartArrayAsync();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"audit/regions/{regionId}/journal?pageSize={PageRows}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var answer = (JObject)FundingJson.Parse(await api.GetTextAsync(url, Principals.Auditor));
            foreach (var item in answer["items"]!.OfType<JObject>())
            {
                if ((long?)item["sequence"] != hashes.Count + 1) throw new InvalidOperationException($"The journal's entry {hashes.Count + 1} came as {item["sequence"]}.");
                hashes.Add((string)item["hash"]!);
                await item.WriteToAsync(json);
            }
            token = (string?)answer["continuationToken"];
            if (token is null)
            {
                await json.WriteEndArrayAsync();
                return hashes;
            }
        }
        throw new InvalidOperationException($"The journal of {regionId} has more than {MaxPages} pages of {PageRows}.");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
