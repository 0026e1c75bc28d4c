using System.Globalization;
using System.Text;

namespace Npvr.Funding.Hosting;

/// <summary>Lists page with pageSize (default 100, max 1000) and an opaque continuationToken (api.md).</summary>
public sealed record Paging(int PageSize, string? Position)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static Paging From(FunctionHttpRequest request)
    {
        var size = DefaultPageSize;
        if (request.QueryValue("pageSize") is { } text
            && (!QueryValues.TryParseWholeNumber(text, 4, out var parsed) || (size = (int)parsed) is < 1 or > MaxPageSize))
            throw new ProblemException(Problem.BadRequest("page-size-invalid", $"pageSize is a whole number from 1 to {MaxPageSize}."));
        return new Paging(size, DecodeToken(request.QueryValue("continuationToken")));
    }

    /// <summary>
    /// For a list that always fits one page (the 11 regions, a programme's region-years): pageSize is still checked, and
    /// since no second page exists, any continuationToken is one this API never issued.
    /// </summary>
    public static void SinglePage(FunctionHttpRequest request)
    {
        var paging = From(request);
        if (paging.Position is not null)
            throw new ProblemException(Problem.BadRequest("continuation-token-invalid", "This list has one page; there is nothing to continue."));
    }

    public static string EncodeToken(string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + position));

    private static string? DecodeToken(string? token)
    {
        if (token is null) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("v1:", StringComparison.Ordinal) && text.Length > 3) return text[3..];
        }
        catch (FormatException)
        {
            // fall through to the problem below
        }
        throw new ProblemException(Problem.BadRequest("continuation-token-invalid", "The continuationToken was not issued by this API."));
    }
}
