using System.Text.RegularExpressions;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Makes Azurite's point operations find an entity through its RowKey index instead of scanning its partition.
/// Azurite keeps each table in a LokiJS collection indexed on PartitionKey and on RowKey, and looks an entity up with
/// findOne({ PartitionKey, RowKey }); LokiJS narrows by the first key's index only and then tests every entity of the
/// partition for the second, so each insert, read, update and delete costs time in proportion to the partition's size
/// and a 50,000-record import into one region's partition grows quadratically (Azure/Azurite#2321: "100k records takes
/// more than 1 hour"). Azure's own Table Storage finds an entity by both keys directly. Naming RowKey first finds the
/// same entity (both keys are still compared) through an index range of the rows sharing that RowKey, so the emulator
/// keeps the real service's semantics and gets closer to its cost. See docs/decisions.md.
/// </summary>
public static partial class RowKeyFirstLookups
{
    /// <summary>The first line of the rewritten file: tells that it is rewritten and why, and makes the rewrite idempotent.</summary>
    public const string Marker = "// Npvr.Funding: point lookups name RowKey first so LokiJS uses the RowKey index (infra/Npvr.Funding.LocalHost/Azurite/RowKeyFirstLookups.cs)";

    /// <summary>The findOne calls by both keys in Azurite 3.35.0's LokiTableMetadataStore: insert, delete, get, update, merge, batch.</summary>
    public const int ExpectedLookups = 6;

    /// <summary>The file inside infra/node_modules that holds the lookups.</summary>
    public static string StorePath(string infraDirectory) =>
        Path.Combine(infraDirectory, "node_modules", "azurite", "dist", "src", "table", "persistence", "LokiTableMetadataStore.js");

    public static bool IsApplied(string infraDirectory) =>
        File.Exists(StorePath(infraDirectory)) && File.ReadLines(StorePath(infraDirectory)).FirstOrDefault() == Marker;

    /// <summary>Rewrites the store in place (atomically) unless it is rewritten already.</summary>
    /// <exception cref="InvalidOperationException">The store does not hold exactly the expected lookups: another Azurite version, to be looked at again.</exception>
    public static void Apply(string infraDirectory)
    {
        string path = StorePath(infraDirectory);
        if (IsApplied(infraDirectory)) return;
        string rewritten = Rewrite(File.ReadAllText(path));
        string temporary = path + ".npvr-tmp";
        File.WriteAllText(temporary, rewritten);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The store's text with every findOne({ PartitionKey: a, RowKey: b }) turned into findOne({ RowKey: b, PartitionKey: a }).</summary>
    public static string Rewrite(string store)
    {
        if (store.StartsWith(Marker, StringComparison.Ordinal)) return store;
        int lookups = 0;
        string rewritten = BothKeysLookup().Replace(store, match =>
        {
            lookups++;
            return $"findOne({{{match.Groups["first"].Value}RowKey: {match.Groups["row"].Value},{match.Groups["second"].Value}PartitionKey: {match.Groups["partition"].Value}{match.Groups["end"].Value}";
        });
        if (lookups != ExpectedLookups)
        {
            throw new InvalidOperationException(
                $"Azurite's LokiTableMetadataStore.js has {lookups} point lookups by PartitionKey then RowKey, not {ExpectedLookups}: "
                + "the pinned Azurite changed; check RowKeyFirstLookups against it.");
        }

        return Marker + "\n" + rewritten;
    }

    [GeneratedRegex(@"findOne\(\{(?<first>\s*)PartitionKey: (?<partition>[^,\r\n]+),(?<second>\s*)RowKey: (?<row>[^,\r\n}]+?)(?<end>\s*\})", RegexOptions.CultureInvariant)]
    private static partial Regex BothKeysLookup();
}
