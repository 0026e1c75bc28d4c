namespace Npvr.Funding.Hosting;

/// <summary>
/// Lists page with pageSize (default 100, max 1000) and an opaque continuationToken (api.md). A Paging comes from
/// <see cref="ContinuationTokens.Read"/> only, so its <see cref="Position"/> is always one a checked token carried.
/// </summary>
public sealed record Paging(int PageSize, string? Position)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>The page size, checked, and the token as sent (not yet checked).</summary>
    internal static (int PageSize, string? Token) Parse(FunctionHttpRequest request)
    {
        var size = DefaultPageSize;
        if (request.QueryValue("pageSize") is { } text
            && (!QueryValues.TryParseWholeNumber(text, 4, out var parsed) || (size = (int)parsed) is < 1 or > MaxPageSize))
            throw new ProblemException(Problem.BadRequest("page-size-invalid", $"pageSize is a whole number from 1 to {MaxPageSize}."));
        return (size, request.QueryValue("continuationToken"));
    }

    /// <summary>
    /// For a list that always fits one page (the 11 regions, a programme's region-years): pageSize is still checked, and
    /// since no second page exists, any continuationToken is one this API never issued.
    /// </summary>
    public static void SinglePage(FunctionHttpRequest request)
    {
        if (Parse(request).Token is not null)
            throw new ProblemException(Problem.BadRequest("continuation-token-invalid", "This list has one page; there is nothing to continue."));
    }
}
