using Npvr.Funding.Contracts;

namespace Npvr.Funding.Hosting;

/// <summary>What an HTTP function answers its caller; rendered into <c>Outputs.res</c>.</summary>
public sealed record HttpResult(int Status, string Body, string ContentType)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static HttpResult Json(int status, object value) => new(status, FundingJson.Serialize(value), "application/json; charset=utf-8");

    public static HttpResult Ok(object value) => Json(200, value);

    public static HttpResult Text(int status, string body, string contentType) => new(status, body, contentType);

    public static HttpResult FromProblem(Problem problem) =>
        new(problem.Status, FundingJson.Serialize(problem), "application/problem+json; charset=utf-8");
}
