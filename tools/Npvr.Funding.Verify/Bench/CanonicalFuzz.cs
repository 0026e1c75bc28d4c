using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Verify.Bench;

/// <summary>
/// The one-pass IsCanonical against its definition (Canonicalize(text) == text) on the published vectors, the export's
/// contents and random edits of them (a character inserted, removed or swapped; whitespace; escapes; numbers).
/// </summary>
internal static class CanonicalFuzz
{
    private static readonly string[] Pieces = [" ", "\n", "\\u0041", "\\/", "\\\"", "1", "-0", "1.0", "1e3", "0.5", "9007199254740993", "\"", ",", ":", "{", "}", "[", "]",
        "\"a\":1,", "\\ud800", "\uFFFD", "é", "\\u00e9", "\\u001f", "\\u001F", "\\t", "\t", "null", "true", "\"personalData\":[],", "\u2028", "😀", "\\ud83d\\ude00"];

    public static int Run(string folder, int cases)
    {
        var seeds = new List<string>();
        var vectors = JObject.Parse(File.ReadAllText("docs/journal-vectors.json"));
        foreach (var v in vectors["canonicalization"]!) seeds.AddRange([(string)v["input"]!, (string)v["canonical"]!]);
        foreach (var v in vectors["entries"]!) seeds.Add((string)v["content"]!);
        using (var reader = new StreamReader(Path.Combine(folder, "journal.json")))
        {
            var buffer = new char[200_000];
            var read = reader.Read(buffer, 0, buffer.Length);
            var head = new string(buffer, 0, read);
            var array = head[..(head.LastIndexOf("},{\"sequence\"", StringComparison.Ordinal) + 1)] + "]";
            seeds.AddRange(JArray.Parse(array).Select(i => (string)i["content"]!).Take(20));
        }
        var random = new Random(8785);
        var (checkedCases, canonicalCases) = (0, 0);
        for (var i = 0; i < cases; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Count)], random, random.Next(0, 3));
            bool expected;
            try
            {
                expected = JsonCanonicalization.Canonicalize(text) == text;
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                expected = false;
            }
            var actual = JsonCanonicalization.IsCanonical(text);
            if (actual != expected)
            {
                Console.WriteLine($"DIFFERENT on {text}: one-pass {actual}, definition {expected}");
                return 1;
            }
            checkedCases++;
            if (expected) canonicalCases++;
        }
        Console.WriteLine($"{checkedCases} texts agree ({canonicalCases} canonical)");
        return 0;
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var result = new StringBuilder(text);
        for (var e = 0; e < edits && result.Length > 0; e++)
        {
            var at = random.Next(result.Length);
            switch (random.Next(4))
            {
                case 0: result.Insert(at, Pieces[random.Next(Pieces.Length)]); break;
                case 1: result.Remove(at, 1); break;
                case 2: result[at] = result[random.Next(result.Length)]; break;
                default:
                    // a canonical seed re-canonicalised, so canonical texts are well represented
                    try { return JsonCanonicalization.Canonicalize(result.ToString()); } catch (FormatException) { } catch (System.Text.Json.JsonException) { }
                    break;
            }
        }
        return result.ToString();
    }
}
