using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>docs/journal-vectors.json, the published test vectors (written by docs/journal-vectors.mjs, independently of this code).</summary>
internal static class JournalVectors
{
    private static readonly Lazy<JObject> Loaded = new(() => JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "journal-vectors.json"))));

    public static JObject Document => Loaded.Value;

    public static IEnumerable<JObject> Section(string name) => ((JArray)Document[name]!).OfType<JObject>();

    /// <summary>The folder holding Npvr.Funding.sln, above the test's binaries; a missing one fails loudly.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        // Bounded by the depth of the file system.
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Npvr.Funding.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No Npvr.Funding.sln above {AppContext.BaseDirectory}.");
    }
}
