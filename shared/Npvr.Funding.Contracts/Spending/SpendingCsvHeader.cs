using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>Resolves the header of an import to <see cref="SpendingCsvColumns.All"/> positions, refusing unknown, repeated and missing columns.</summary>
internal static class SpendingCsvHeader
{
    /// <summary>For each field of the header, the index of its column in <see cref="SpendingCsvColumns.All"/>; null with errors otherwise.</summary>
    public static int[]? Resolve(IReadOnlyList<string> header, out List<CsvLineError> errors)
    {
        errors = [];
        var columns = new int[header.Count];
        var seen = new HashSet<int>();
        for (var field = 0; field < header.Count; field++)
        {
            var name = header[field].Trim();
            columns[field] = SpendingCsvColumns.IndexOf(name);
            if (columns[field] < 0)
                errors.Add(new CsvLineError(1, Shorten(name), ErrorKind.Invalid, "column-unknown",
                    $"Column '{Shorten(name)}' is not a spending column; the columns are {string.Join(", ", SpendingCsvColumns.All)}."));
            else if (!seen.Add(columns[field]))
                errors.Add(new CsvLineError(1, SpendingCsvColumns.All[columns[field]], ErrorKind.Invalid, "column-duplicate",
                    $"Column {SpendingCsvColumns.All[columns[field]]} appears more than once in the header."));
        }
        foreach (var required in SpendingCsvColumns.Required.Where(c => !seen.Contains(SpendingCsvColumns.IndexOf(c))))
            errors.Add(new CsvLineError(1, required, ErrorKind.Invalid, "column-missing", $"The header lacks column {required}."));
        return errors.Count == 0 ? columns : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
