using System.Globalization;
using System.Text;
using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /programmes/{programmeId}/statement?year=: Finance and Auditor. The statement of every region of the programme
/// plus totals, as JSON or (Accept: text/csv) one line per region and a totals line.
/// </summary>
public sealed class GetProgrammeStatement(JournalStore journal, SpendingStore spending) : HttpFunction
{
    private static readonly string[] Columns =
    [
        "regionId", "programmeId", "year", "gross", "bcfDeposit", "netAllocated", "issued", "received", "openDiscrepancies", "spent",
        "compensableVatIncurred", "bcfPosition", "carriedOverIn", "balance", "negativeBalance", "closed", "sealHash",
    ];

    public override string Name => nameof(GetProgrammeStatement);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance, Roles.Auditor);
        var programmeId = ProgrammeRoute(call);
        var year = QueryValues.Year(call.Request.QueryValue("year"));
        var programme = await Statements.ProgrammeAsync(await spending.TableAsync(cancellationToken), programmeId, cancellationToken);
        Statements.RequireYear(programme, year);
        var table = await journal.TableAsync(cancellationToken);
        var regions = new List<StatementView>(programme.Regions.Count);
        foreach (var regionId in programme.Regions.Order(StringComparer.Ordinal))
            regions.Add(StatementView.From((await Statements.OfAsync(table, programme, regionId, year, cancellationToken)).Statement));
        var totals = Totals(programmeId, year, regions);
        if (call.Request.Header("Accept") is { } accept && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase))
            return Respond(HttpResult.Text(200, Csv(regions, totals), "text/csv; charset=utf-8"));
        return Respond(HttpResult.Ok(new { programmeId, year, regions, totals }));
    }

    internal static string ProgrammeRoute(HttpCall call) => call.Request.Route("programmeId") is { } id && Domain.Allocation.Programmes.IsValidId(id)
        ? id
        : throw new ProblemException(Problem.NotFound("programme-not-found", "There is no such programme."));

    private static StatementView Totals(string programmeId, int year, List<StatementView> regions)
    {
        Money Sum(Func<StatementView, Money> figure) => regions.Aggregate(Money.Zero, (sum, r) => sum + figure(r));
        var balance = Sum(r => r.Balance);
        return new StatementView("total", programmeId, year, Sum(r => r.Gross), Sum(r => r.BcfDeposit), Sum(r => r.NetAllocated), Sum(r => r.Issued),
            Sum(r => r.Received), regions.Sum(r => r.OpenDiscrepancies), Sum(r => r.Spent), Sum(r => r.CompensableVatIncurred), Sum(r => r.BcfPosition),
            Sum(r => r.CarriedOverIn), balance, balance.IsNegative, regions.All(r => r.Closed), null);
    }

    private static string Csv(List<StatementView> regions, StatementView totals)
    {
        var csv = new StringBuilder().Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var s in regions.Append(totals))
            csv.Append(string.Join(',', s.RegionId, s.ProgrammeId, s.Year.ToString(CultureInfo.InvariantCulture), s.Gross, s.BcfDeposit, s.NetAllocated, s.Issued,
                s.Received, s.OpenDiscrepancies.ToString(CultureInfo.InvariantCulture), s.Spent, s.CompensableVatIncurred, s.BcfPosition, s.CarriedOverIn,
                s.Balance, s.NegativeBalance ? "true" : "false", s.Closed ? "true" : "false", s.SealHash ?? "")).Append("\r\n");
        return csv.ToString();
    }
}
