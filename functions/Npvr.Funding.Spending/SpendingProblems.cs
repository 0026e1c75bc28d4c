using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// Problem+json answers that list more than one refusal: every refused field of an entry, or every bad line of a CSV
/// file, as an "errors" member beside the usual type, title, status and detail (RFC 9457 extension members).
/// </summary>
internal static class SpendingProblems
{
    /// <summary>The first refusal is the answer's type and status (invalid fields come before conflicts); all are listed.</summary>
    public static HttpResult Fields(IReadOnlyList<FieldError> errors)
    {
        var problem = Problem.From(errors[0].Error);
        return With(problem, new JObject
        {
            ["errors"] = JArray.FromObject(errors.Select(e => new { field = e.Field, type = e.Type, detail = e.Detail }), FundingJson.Serializer),
        });
    }

    public static HttpResult Csv(SpendingCsvRejected rejected)
    {
        var status = rejected.AllConflicts ? 409 : 400;
        var detail = $"{rejected.BadLines} line(s) of the file are refused ({rejected.TotalErrors} error(s)"
            + (rejected.Truncated ? $", the first {rejected.Errors.Count} listed" : "") + "); nothing was written.";
        return With(new Problem("csv-rejected", "The file is not valid.", status, detail), CsvErrors(rejected.Errors, rejected.BadLines, rejected.TotalErrors, rejected.Truncated));
    }

    public static JObject CsvErrors(IReadOnlyList<CsvLineError> errors, int badLines, long totalErrors, bool truncated) => new()
    {
        ["badLines"] = badLines,
        ["totalErrors"] = totalErrors,
        ["truncated"] = truncated,
        ["errors"] = JArray.FromObject(errors.Select(e => new { line = e.Line, column = e.Column, type = e.Type, reason = e.Reason }), FundingJson.Serializer),
    };

    public static HttpResult TooLarge(int maxRecords) => With(
        new Problem("import-too-large", "The file is too large.", 413,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"An import holds at most {maxRecords:N0} records; split the file.")),
        new JObject { ["maxRecords"] = maxRecords });

    private static HttpResult With(Problem problem, JObject extensions)
    {
        var body = FundingJson.ToJObject(problem);
        foreach (var property in extensions.Properties()) body[property.Name] = property.Value;
        return new HttpResult(problem.Status, FundingJson.Serialize(body), "application/problem+json; charset=utf-8");
    }
}
