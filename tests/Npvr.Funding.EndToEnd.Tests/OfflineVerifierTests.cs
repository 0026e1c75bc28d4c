using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Verify;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// tools/Npvr.Funding.Verify on exports of the README's Achterhoek story (issue 12): the journal's pages concatenated,
/// the checkpoint and the keys as the routes return them, checked with no access to the system's storage.
/// </summary>
public sealed class OfflineVerifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("npvr-verify-").FullName;

    [Fact]
    public async Task The_achterhoek_export_is_valid_and_each_tampered_export_is_invalid_at_its_first_broken_entry()
    {
        await using var system = await DisbursementWorld.ReadyAsync(["achterhoek"]);
        await StatementTests.AchterhoekStoryAsync(system);
        var checkpoint = AuditWorld.Exact(await system.Api.GetAsync("audit/regions/achterhoek/checkpoint", Principals.Auditor));
        var keys = AuditWorld.Exact(await system.Api.GetAsync("audit/keys", Principals.Auditor));
        var journal = new JArray((await SpendingSetup.WholeJournalAsync(system, "achterhoek")).Select(e => (JObject)Npvr.Funding.Contracts.FundingJson.Parse(e.ToString())));
        Assert.True(journal.Count >= 5, $"the story journals {journal.Count} entries");
        Assert.Equal(journal.Count, (int)checkpoint["treeSize"]!);

        var (valid, validOutput) = Run(journal, checkpoint, keys);
        Assert.True(valid == VerifyCommand.Valid, validOutput);
        Assert.StartsWith($"VALID: {journal.Count} entries of achterhoek", validOutput, StringComparison.Ordinal);

        AssertInvalidAt(3, Edit(journal, j => j[2]!["content"] = ((string)j[2]!["content"]!).Replace("\"type\"", "\"typE\"", StringComparison.Ordinal)), checkpoint, keys);
        AssertInvalidAt(2, Edit(journal, j => (j[1], j[2]) = (j[2]!.DeepClone(), j[1]!.DeepClone())), checkpoint, keys);
        AssertInvalidAt(journal.Count, Edit(journal, j => j.RemoveAt(j.Count - 1)), checkpoint, keys);
        AssertInvalidAt(1, Forged(journal), checkpoint, keys);

        var resigned = (JObject)checkpoint.DeepClone();
        resigned["treeSize"] = journal.Count - 1;
        var (badSignature, badSignatureOutput) = Run(journal, resigned, keys);
        Assert.Equal(VerifyCommand.Invalid, badSignature);
        Assert.Contains("signature", badSignatureOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_unknown_arguments_are_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(VerifyCommand.Usage, VerifyCommand.Run(["--journal", "a.json"], output, error));
        Assert.Equal(VerifyCommand.Usage, VerifyCommand.Run(["--journal", "a", "--checkpoint", "b", "--key", "c"], output, error));
        Assert.Equal(VerifyCommand.Usage, VerifyCommand.Run(["--journal", Path.Combine(_folder, "none.json"), "--checkpoint", "b", "--keys", "c"], output, error));
        Assert.Contains("Usage", error.ToString(), StringComparison.Ordinal);
    }

    private void AssertInvalidAt(long sequence, JArray journal, JObject checkpoint, JObject keys)
    {
        var (exit, output) = Run(journal, checkpoint, keys);
        Assert.True(exit == VerifyCommand.Invalid, output);
        Assert.StartsWith($"INVALID: entry {sequence}:", output, StringComparison.Ordinal);
    }

    private (int Exit, string Output) Run(JArray journal, JObject checkpoint, JObject keys)
    {
        var files = new[] { ("journal", (JToken)journal), ("checkpoint", checkpoint), ("keys", keys) }
            .Select(f => (f.Item1, Path: Path.Combine(_folder, $"{f.Item1}-{Guid.NewGuid():N}.json"), f.Item2)).ToList();
        foreach (var (_, path, json) in files) File.WriteAllText(path, json.ToString());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = VerifyCommand.Run([.. files.SelectMany(f => new[] { "--" + f.Item1, f.Path })], output, error);
        return (exit, output.ToString().Trim() + error.ToString().Trim());
    }

    private static JArray Edit(JArray journal, Action<JArray> edit)
    {
        var copy = (JArray)journal.DeepClone();
        edit(copy);
        return copy;
    }

    /// <summary>The same events with one amount changed, rehashed into a chain that holds by itself.</summary>
    private static JArray Forged(JArray journal)
    {
        var forged = new JArray();
        var head = JournalV2.Genesis("achterhoek");
        foreach (var item in journal)
        {
            var content = ((string)item["content"]!).Replace("341322.31", "341322.30", StringComparison.Ordinal);
            var entry = JournalV2.Append("achterhoek", head, content);
            head = new ChainHead(entry.Sequence, entry.Hash);
            forged.Add(new JObject { ["sequence"] = entry.Sequence, ["format"] = 2, ["previousHash"] = entry.PreviousHash, ["hash"] = entry.Hash, ["content"] = entry.Content });
        }
        return forged;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
