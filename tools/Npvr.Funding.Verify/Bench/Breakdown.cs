using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Verify.Bench;

/// <summary>Stopwatch breakdown of the per-entry steps over the first entries of an export (the steps the verifier runs, one at a time).</summary>
internal static class Breakdown
{
    public static int Run(string folder, int entries)
    {
        var text = new StreamReader(Path.Combine(folder, "journal.json"));
        var clock = Stopwatch.StartNew();
        var journal = (JArray)FundingJson.Parse(text.ReadToEnd());
        Report("parse whole file (JArray)", clock, journal.Count);
        var items = journal.Take(entries).Cast<JObject>().ToList();
        var list = items.Select(o => new JournalEntry((long)o["sequence"]!, (string)o["previousHash"]!, (string)o["hash"]!, (string)o["content"]!, (int)o["format"]!)).ToList();
        Time("IsCanonical", list, e => JsonCanonicalization.IsCanonical(e.Content));
        Time("HoldsPersonalDataMember", list, e => !JournalV2.HoldsPersonalDataMember(e.Content));
        Time("HashOf", list, e => JournalV2.HashOf("achterhoek", e.Sequence, e.PreviousHash, e.Content) == e.Hash);
        Time("JournalLeaf", list, e => MerkleTree.JournalLeaf(e.Hash).Length == 32);
        var frontier = MerkleFrontier.Empty;
        Time("Frontier append", list, e => (frontier = frontier.Append(MerkleTree.JournalLeaf(e.Hash), out _)).Size > 0);
        Time("JsonDocument.Parse content", list, e => { using var d = System.Text.Json.JsonDocument.Parse(e.Content); return true; });
        var i = 0;
        Time("personal FromServed", list, e => ((JArray)items[i++]["personalData"]!).Select(KeptPersonalValue.FromServed).Count() > 0);
        i = 0;
        Time("PersonalDataCheck.Problem", list, e => PersonalDataCheck.Problem(e.Content, [.. ((JArray)items[i++]["personalData"]!).Select(v => KeptPersonalValue.FromServed(v).Value)]) is null);
        var walk = new JournalWalk("achterhoek");
        Time("JournalWalk.Accept (whole chain step)", list, e => { walk.Accept(e); return true; });
        return 0;
    }

    private static void Time(string name, List<JournalEntry> entries, Func<JournalEntry, bool> step)
    {
        var clock = Stopwatch.StartNew();
        foreach (var e in entries) if (!step(e)) throw new InvalidOperationException(name);
        Report(name, clock, entries.Count);
    }

    private static void Report(string name, Stopwatch clock, int count) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {clock.Elapsed.TotalMilliseconds,9:0} ms  {clock.Elapsed.TotalMilliseconds * 1000 / count,7:0.0} us/entry"));
}
