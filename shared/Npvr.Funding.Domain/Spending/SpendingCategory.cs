namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// What money was spent on (api.md, "Spending and audit"). The wire names are the kebab-case forms
/// ("process-guidance", "onward-transfer"), which FundingJson's enum converter writes and reads.
/// </summary>
public enum SpendingCategory
{
    Personnel,
    ProcessGuidance,
    Research,
    Participation,
    Monitoring,
    OnwardTransfer,
    Other,
}

public static class SpendingCategories
{
    private static readonly Dictionary<string, SpendingCategory> ByWireName = new(StringComparer.Ordinal)
    {
        ["personnel"] = SpendingCategory.Personnel,
        ["process-guidance"] = SpendingCategory.ProcessGuidance,
        ["research"] = SpendingCategory.Research,
        ["participation"] = SpendingCategory.Participation,
        ["monitoring"] = SpendingCategory.Monitoring,
        ["onward-transfer"] = SpendingCategory.OnwardTransfer,
        ["other"] = SpendingCategory.Other,
    };

    private static readonly Dictionary<SpendingCategory, string> WireNames = ByWireName.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The wire names in api.md order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByWireName.Keys];

    /// <summary>Exact, case-sensitive match of a wire name: "Personnel" is not a category.</summary>
    public static bool TryParse(string? wireName, out SpendingCategory category) =>
        ByWireName.TryGetValue(wireName ?? "", out category);

    public static string WireName(this SpendingCategory category) =>
        WireNames.TryGetValue(category, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(category), category, "Not a spending category.");
}
