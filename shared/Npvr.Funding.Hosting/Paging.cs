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
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            throw new ProblemException(Problem.BadRequest("page-size-invalid", $"pageSize is a whole number from 1 to {MaxPageSize}."));
        return new Paging(size, DecodeToken(request.QueryValue("continuationToken")));
    }

    public static string EncodeToken(string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + position));

    private static string? DecodeToken(string? token)
    {
        if (token is null) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("v1:", StringComparison.Ordinal)) return text[3..];
        }
        catch (FormatException)
        {
            // fall through to the problem below
        }
        throw new ProblemException(Problem.BadRequest("continuation-token-invalid", "The continuationToken was not issued by this API."));
    }
}
