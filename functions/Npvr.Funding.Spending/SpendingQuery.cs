using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /regions/{regionId}/spending?programmeId=&amp;year=&amp;category=&amp;from=&amp;to=: the filters as one Table query
/// over the region's "booked|" rows. Year and period narrow the key range (keys start with bookedOn), programme and
/// category filter on columns. A continuation token carries the last key answered and is bound to the region and
/// filters (ContinuationTokens), so a token only continues the query that issued it.
/// </summary>
internal sealed record SpendingQuery(string RegionId, string? ProgrammeId, int? Year, SpendingCategory? Category, DateOnly? From, DateOnly? To)
{
    public static SpendingQuery Parse(string regionId, FunctionHttpRequest request)
    {
        var programmeId = request.QueryValue("programmeId");
        if (programmeId is not null && !Programmes.IsValidId(programmeId))
            throw Invalid("programme-id-invalid", $"programmeId is 1 to {Programmes.MaxIdLength} lower-case letters, digits or dashes.");
        int? year = request.QueryValue("year") is { } y ? QueryValues.Year(y) : null;
        SpendingCategory? category = request.QueryValue("category") is { } c
            ? SpendingCategories.TryParse(c, out var known) ? known : throw Invalid("category-invalid", $"category is one of {string.Join(", ", SpendingCategories.All)}.")
            : null;
        var from = Date(request, "from");
        var to = Date(request, "to");
        if (from > to) throw Invalid("period-invalid", "from is after to.");
        return new SpendingQuery(regionId, programmeId, year, category, from, to);
    }

    /// <summary>Names the query a continuation token is bound to: the region and every filter.</summary>
    public string Scope => string.Join('\n', "spending-query", RegionId, ProgrammeId ?? "", Year?.ToString(CultureInfo.InvariantCulture) ?? "",
        Category?.WireName() ?? "", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>The last key a previous page answered; a checked token of this query carries nothing else.</summary>
    public static string? AfterKey(Paging paging) =>
        paging.Position is not { } position || position.StartsWith(LedgerRows.BookedPrefix, StringComparison.Ordinal)
            ? paging.Position
            : throw new InvalidOperationException($"A token of a spending query carried '{position}', which is no ledger key.");

    /// <summary>The Table filter of the query, from just after <paramref name="afterKey"/> when a page was answered before.</summary>
    public string Filter(string? afterKey)
    {
        var lowest = Max(From, Year is { } y ? new DateOnly(y, 1, 1) : null);
        var highest = Min(To, Year is { } z ? new DateOnly(z, 12, 31) : null);
        var lower = lowest is { } l ? LedgerRows.BookedPrefix + Day(l) : LedgerRows.BookedPrefix;
        // '|' follows the date in every key and sorts before '}', so "booked|{day}}" is just above that day's keys.
        var upper = highest is { } h ? LedgerRows.BookedPrefix + Day(h) + "}" : "booked}";
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {RegionId}"),
            afterKey is null ? TableClient.CreateQueryFilter($"RowKey ge {lower}") : TableClient.CreateQueryFilter($"RowKey gt {afterKey} and RowKey ge {lower}"),
            TableClient.CreateQueryFilter($"RowKey lt {upper}"),
        };
        if (ProgrammeId is not null) clauses.Add(TableClient.CreateQueryFilter($"ProgrammeId eq {ProgrammeId}"));
        if (Category is { } category) clauses.Add(TableClient.CreateQueryFilter($"Category eq {category.WireName()}"));
        return string.Join(" and ", clauses);
    }

    private static DateOnly? Date(FunctionHttpRequest request, string name) => request.QueryValue(name) is { } text
        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw Invalid($"{name}-invalid", $"{name} is a date, yyyy-MM-dd.")
        : null;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
    private static ProblemException Invalid(string type, string detail) => new(Problem.BadRequest(type, detail));
}
