using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Spending;

/// <summary>
/// Personal data beside the journal (issue 12, point 6), in each region's partition of the Journal table: the
/// "PersonalData" column of a staged row and of an entry row (never part of the hashed content), and the index rows
/// "pdx|{subject hash}|{first sequence}" that the linker writes with the entries, one per person per transaction,
/// listing the sequences holding their values, so an erasure finds them without scanning the journal. The index is
/// plumbing: its rows are deleted once their values are erased.
/// </summary>
internal static class PersonalDataRows
{
    public const string Property = "PersonalData";
    public const string IndexPrefix = "pdx|";

    public static string? Write(IReadOnlyList<KeptPersonalValue> values) => values.Count == 0 ? null : FundingJson.Serialize(values);

    public static IReadOnlyList<KeptPersonalValue> Read(TableEntity row) =>
        row.GetString(Property) is { Length: > 0 } json ? FundingJson.Deserialize<List<KeptPersonalValue>>(json) : [];

    /// <summary>The first row key of a subject's index rows, and the end of their range.</summary>
    public static (string From, string To) IndexRange(string subjectKey)
    {
        var prefix = IndexPrefix + PersonalSubject.Hash(subjectKey) + "|";
        return (prefix, prefix[..^1] + "}");
    }

    /// <summary>One index row per subject of a link transaction: the sequences (ascending) that hold the subject's values.</summary>
    public static TableEntity IndexEntity(string regionId, string subjectKey, IReadOnlyList<long> sequences) =>
        new(regionId, IndexRange(subjectKey).From + sequences[0].ToString("D12", CultureInfo.InvariantCulture))
        {
            ["Sequences"] = string.Join(',', sequences.Select(s => s.ToString(CultureInfo.InvariantCulture))),
        };

    public static IReadOnlyList<long> SequencesOf(TableEntity index) =>
        [.. (index.GetString("Sequences") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture))];
}
